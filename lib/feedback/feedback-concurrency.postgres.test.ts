import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { addToDailyStats, insertExperiment, logExperimentSession } from "@/db/queries/experiments";
import { experimentUserStats } from "@/db/schema";
import { sessionContribution, statsShardOf } from "@/lib/experiments/aggregates";
import { newSessionId } from "@/lib/recs/session-id";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { recordFeedback } from "./feedback-service";

/**
 * A user's feedback and their next list, or two users' writes, meeting in the experiment totals:
 * with two connections they must neither deadlock nor wait on each other's commit.
 */
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.destroy());

function newExperiment(name: string) {
  return insertExperiment(t.db, {
    name,
    description: "",
    mode: "aa",
    context: null,
    variants: [{ name: "A", algorithm: "popular", version: null, weight: 1 }],
    status: "running",
    startedAt: new Date(),
    endsAt: null,
    createdBy: null,
  });
}

describe("another user's feedback still in its transaction", () => {
  it("does not hold up logging a list for a user of another shard of the variant's day totals", async () => {
    const experiment = await newExperiment("shards");
    const waiting = "u-1";
    let other = 2;
    while (statsShardOf(`u-${other}`) === statsShardOf(waiting)) other++;
    const now = new Date();

    let lockTaken!: () => void;
    const locked = new Promise<void>((resolve) => (lockTaken = resolve));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    // u-1's feedback has added to its day totals and has not committed yet.
    const holder = t.db.transaction(async (tx) => {
      const day = now.toISOString().slice(0, 10);
      await addToDailyStats(tx, { experimentId: experiment.id, variant: "A", day, shard: statsShardOf(waiting) }, sessionContribution({ shownMovieIds: ["m-1"], selectedMovieId: "m-1" }));
      lockTaken();
      await released;
    });
    await locked;
    const session = { sessionId: newSessionId(now), createdAt: now, userId: `u-${other}`, algorithm: "popular", modelVersionId: null, context: "home", movieIds: ["m-1"], cached: false, experimentId: experiment.id, variant: "A" };
    const outcome = await Promise.race([logExperimentSession(t.db, session).then(() => "logged"), new Promise((resolve) => setTimeout(() => resolve("still waiting after 3 s"), 3000))]);
    release();
    await holder;
    expect(outcome).toBe("logged");
  });
});

describe("feedback while the same user's next list is logged", () => {
  it("completes every write and counts every session and click", async () => {
    const experiment = await newExperiment("concurrency");
    const log = async () => {
      const now = new Date();
      const session = { sessionId: newSessionId(now), createdAt: now, userId: "u-1", algorithm: "popular", modelVersionId: null, context: "home", movieIds: ["m-1", "m-2", "m-3"], cached: false, experimentId: experiment.id, variant: "A" };
      await logExperimentSession(t.db, session);
      return session.sessionId;
    };
    const open = (sessionId: string) =>
      recordFeedback(
        t.db,
        { sessionId, userId: "u-1", shownList: null, impressions: null, selectedMovieId: "m-2", reactions: [{ movieId: "m-2", kind: "like" }], watchTimeSec: null, context: null, userType: null, actionCycle: null },
        { now: new Date() },
      );

    const rounds = 25;
    const width = 4;
    let previous = await Promise.all(Array.from({ length: width }, log));
    for (let round = 0; round < rounds; round++) {
      const results = await Promise.allSettled([...previous.map(open), ...Array.from({ length: width }, log)]);
      expect(results.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason)), `round ${round}`).toEqual([]);
      previous = results.slice(width).map((r) => (r as PromiseFulfilledResult<string>).value);
    }

    const [totals] = await t.db.select().from(experimentUserStats).where(eq(experimentUserStats.experimentId, experiment.id));
    expect(totals).toMatchObject({ sessions: width * (rounds + 1), clicks: width * rounds, likes: width * rounds });
  });
});
