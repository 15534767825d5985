import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq, inArray, isNotNull } from "drizzle-orm";
import { events, movies, recommendationSessions, sessionFeedback } from "@/db/schema";
import { maintainSessionPartitions } from "@/lib/recs/session-service";
import { AA_CONTEXT, AB_CONTEXT } from "@/lib/simulation/run";
import { serveApp } from "@/test/app-server";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { tokenFor } from "@/test/http";
import { writeMovielensFixture } from "@/test/movielens-fixture";
import type { NodeServer } from "@/test/node-server";
import { formatSimulateReport, parseSimulateOptions, simulate } from "./simulate";

/** `simulate` for 20 movies against the app served over HTTP, its report checked against the database. */
let t: TestDatabase;
let server: NodeServer;
let token: string;
let dataset: string;
let stateDir: string;

beforeAll(async () => {
  t = await createTestDatabase();
  await maintainSessionPartitions(t.db, { now: new Date(), retentionDays: 90 });
  token = (await tokenFor(t.db, ["admin"])).headers.authorization!.replace("Bearer ", "");
  server = await serveApp();
  dataset = writeMovielensFixture({ movies: 40, users: 25, ratingsPerUser: 8 });
  stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "marquee-simulate-"));
});
afterAll(async () => {
  await server?.close();
  await t?.destroy();
  fs.rmSync(dataset, { recursive: true, force: true });
  fs.rmSync(stateDir, { recursive: true, force: true });
});

async function countOf(table: typeof events | typeof movies | typeof sessionFeedback, where?: Parameters<ReturnType<ReturnType<typeof t.db.select>["from"]>["where"]>[0]) {
  const [row] = await t.db.select({ n: count() }).from(table).where(where);
  return Number(row!.n);
}

describe("npm run marquee -- simulate", () => {
  it("releases 20 movies, reacts for each of their raters, and reports what the database holds", async () => {
    const report = await simulate({
      baseUrl: server.origin,
      token,
      dataset,
      movies: 20,
      concurrency: 4,
      seed: 3,
      cycleLength: 10,
      trainEvery: 10,
      models: { aa: "popular", a: "popular", b: "als" },
      stateFile: path.join(stateDir, "state.json"),
      fresh: false,
      progress: false,
    });
    const c = report.state.counts;
    expect(report.completed).toBe(true);
    expect(report.http.refused).toEqual([]);
    expect(c.moviesReleased).toBe(20);
    expect(c.failedReactions + c.skippedReactions).toBe(0);
    // Every rating of the 20 movies is one reaction (25 users × 8 of 40 movies: about 100).
    expect(c.reactions).toBeGreaterThan(50);
    expect(c.recommendations).toBe(c.reactions);

    // What it reports is what the app stored.
    expect(await countOf(movies)).toBe(20);
    const [sessions] = await t.db.select({ n: count() }).from(recommendationSessions).where(inArray(recommendationSessions.context, [AA_CONTEXT, AB_CONTEXT]));
    expect(Number(sessions!.n)).toBe(c.recommendations);
    expect(await countOf(sessionFeedback)).toBe(c.feedback);
    expect(await countOf(sessionFeedback, isNotNull(sessionFeedback.selectedMovieId))).toBe(c.selections);
    expect(await countOf(events, eq(events.type, "rating"))).toBe(c.ratingsAccepted);
    expect(await countOf(events, eq(events.type, "watch"))).toBe(c.watchesAccepted);
    expect(c.ratingsAccepted).toBe(c.reactions);
    // Movie 10 starts the A/B cycle and a training of each of the two models.
    expect(c.trainingsStarted).toBe(2);

    // Both experiments counted every session it sent, split into cycles: A/A for the first 10 movies, A/B after.
    const [aa, ab] = report.experiments;
    expect(aa).toMatchObject({ phase: "A/A" });
    expect(ab).toMatchObject({ phase: "A/B" });
    const sessionsOf = (e: typeof aa) => e!.variants.reduce((n, v) => n + v.sessions, 0);
    expect(sessionsOf(aa) + sessionsOf(ab)).toBe(c.recommendations);
    expect(sessionsOf(aa)).toBeGreaterThan(0);
    expect(sessionsOf(ab)).toBeGreaterThan(0);
    expect(aa!.variants.reduce((n, v) => n + v.clicks, 0) + ab!.variants.reduce((n, v) => n + v.clicks, 0)).toBe(c.selections);

    // The app's p99 per endpoint comes from its own histograms, over as many requests as were sent.
    expect(report.latencySource).toBe("app metrics");
    const recommend = report.latency.find((l) => l.endpoint === "GET /api/v1/recommend/[userId]")!;
    expect(recommend.appRequests).toBe(c.recommendations);
    expect(recommend.appP99Ms).toBeGreaterThan(0);

    const text = formatSimulateReport(report);
    expect(text).toContain(`${c.recommendations} sessions`);
    expect(text).toMatch(/Verdict: /);
    expect(text).toContain("the app's, from its request histogram");
  });

  it("refuses to resume a state file of another run", async () => {
    await expect(
      simulate({ baseUrl: server.origin, token, dataset, movies: 5, concurrency: 1, seed: 3, cycleLength: 10, trainEvery: 10, models: { aa: "popular", a: "popular", b: "als" }, stateFile: path.join(stateDir, "state.json"), fresh: false, progress: false }),
    ).rejects.toThrow(/another movieLimit/);
  });
});

describe("simulate's options", () => {
  const required = { "base-url": "http://127.0.0.1:3000", token: "mq_x", dataset: "data/ml-latest-small" };

  it("takes the seed's cycle of 2,000 movies and a training every 500 unless told otherwise", () => {
    expect(parseSimulateOptions(required)).toMatchObject({ movies: null, concurrency: 4, seed: 1, cycleLength: 2000, trainEvery: 500, models: { aa: "als", a: "als", b: "popular" }, fresh: false });
    expect(parseSimulateOptions({ ...required, movies: "20", concurrency: "16", cycle: "10", "train-every": "5", models: "ease,als" })).toMatchObject({ movies: 20, concurrency: 16, cycleLength: 10, trainEvery: 5, models: { aa: "ease", a: "ease", b: "als" } });
  });

  it("names the option that is missing or wrong", () => {
    expect(() => parseSimulateOptions({ ...required, "base-url": undefined })).toThrow(/--base-url/);
    expect(() => parseSimulateOptions({ ...required, "base-url": "ftp://x" })).toThrow(/--base-url must be an http/);
    expect(() => parseSimulateOptions({ ...required, movies: "0" })).toThrow(/--movies/);
    expect(() => parseSimulateOptions({ ...required, concurrency: "many" })).toThrow(/--concurrency/);
    expect(() => parseSimulateOptions({ ...required, models: "als" })).toThrow(/--models/);
  });
});
