import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq, inArray, like } from "drizzle-orm";
import { events, movies, recommendationSessions } from "@/db/schema";
import { maintainSessionPartitions } from "@/lib/recs/session-service";
import { serveApp } from "@/test/app-server";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { tokenFor } from "@/test/http";
import type { NodeServer } from "@/test/node-server";
import { createSimulationHttp } from "./http-client";
import { planSimulation, type SimulationDataset } from "./plan";
import { AA_CONTEXT, AB_CONTEXT, runSimulation } from "./run";
import { newSimulationState, type SimulationState } from "./state";

/** The loop against the app served over real HTTP on a real database. */
let t: TestDatabase;
let server: NodeServer;
let token: string;

beforeAll(async () => {
  t = await createTestDatabase();
  await maintainSessionPartitions(t.db, { now: new Date(), retentionDays: 90 });
  token = (await tokenFor(t.db, ["admin"])).headers.authorization!.replace("Bearer ", "");
  server = await serveApp();
});
afterAll(async () => {
  await server?.close();
  await t?.destroy();
});

function dataset(prefix: string, movieCount: number, users: number): SimulationDataset {
  const ids = Array.from({ length: movieCount }, (_, i) => `${prefix}${i + 1}`);
  return {
    movies: ids.map((id, i) => ({ id, title: `Film ${id}`, year: 1990 + i, genres: [i % 2 ? "Drama" : "Comedy"] })),
    ratings: Array.from({ length: users }, (_, u) => ids.filter((_, i) => (i + u) % 3 === 0).map((movieId, i) => ({ userId: `${prefix}u${u}`, movieId, rating: ((u + i) % 10) / 2 + 0.5 }))).flat(),
  };
}

const models = { aa: "popular", a: "popular", b: "als" } as const;
const identity = (seed: number) => ({ dataset: "memory", seed, movieLimit: null, cycleLength: 4, trainEvery: 1000 });

async function countWhere(table: typeof events | typeof movies | typeof recommendationSessions, where: Parameters<ReturnType<ReturnType<typeof t.db.select>["from"]>["where"]>[0]) {
  const [row] = await t.db.select({ n: count() }).from(table).where(where);
  return Number(row!.n);
}

describe("the simulation loop", () => {
  it("resumes where it was stopped: every movie released once, every reaction sent once, no model needed", async () => {
    const plan = planSimulation(dataset("r", 9, 12), { seed: 5 });
    const http = createSimulationHttp({ baseUrl: server.origin, token });
    const stop = new AbortController();
    let saved: SimulationState | null = null;
    const options = { concurrency: 3, cycleLength: 4, trainEvery: 1000, models, saveState: (s: SimulationState) => void (saved = structuredClone(s)) };

    const first = await runSimulation(http, plan, newSimulationState(identity(5)), { ...options, signal: stop.signal, onProgress: (p) => p.done >= 10 && stop.abort() });
    expect(first.completed).toBe(false);
    expect(saved!.counts.reactions).toBeGreaterThanOrEqual(10);
    expect(saved!.counts.reactions).toBeLessThan(plan.totalReactions);

    const second = await runSimulation(http, plan, structuredClone(saved!), options);
    expect(second.completed).toBe(true);
    const c = second.state.counts;
    expect(c.reactions).toBe(plan.totalReactions);
    expect(c.moviesReleased).toBe(9);
    expect(c.alreadyInCatalog).toBe(0);
    expect(c.ratingsDuplicate + c.watchesDuplicate).toBe(0);
    expect(await countWhere(movies, like(movies.id, "r%"))).toBe(9);
    expect(await countWhere(recommendationSessions, inArray(recommendationSessions.context, [AA_CONTEXT, AB_CONTEXT]))).toBe(plan.totalReactions);
    expect(await countWhere(events, eq(events.type, "watch"))).toBe(plan.totalReactions);
    // The experiments were created once, by the first run.
    expect(second.state.experiments).toEqual(first.state.experiments);
  });

  it("reports a movie the app refuses and skips its users, going on with the rest", async () => {
    const data = dataset("x", 4, 6);
    data.movies[0]!.title = "T".repeat(400);
    const plan = planSimulation(data, { seed: 1 });
    const http = createSimulationHttp({ baseUrl: server.origin, token });
    const { state, completed } = await runSimulation(http, plan, newSimulationState(identity(1)), { concurrency: 2, cycleLength: 4, trainEvery: 2, models });
    const raters = plan.ratersOf.get("x1")!.length;
    expect(completed).toBe(true);
    expect(state.counts.releaseFailed).toBe(1);
    expect(state.counts.skippedReactions).toBe(raters);
    expect(state.counts.reactions).toBe(plan.totalReactions - raters);
    expect(http.stats().refused).toEqual([expect.objectContaining({ endpoint: "POST /api/v1/movies", status: 400, count: 1 })]);
    // Trainings started at the 3rd movie (index 2), one per model, while nothing was trained yet.
    expect(state.counts.trainingsStarted).toBe(2);
  });
});
