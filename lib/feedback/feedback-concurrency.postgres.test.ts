import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { insertExperiment, logExperimentSession } from "@/db/queries/experiments";
import { experimentUserStats } from "@/db/schema";
import { newSessionId } from "@/lib/recs/session-id";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { recordFeedback } from "./feedback-service";

/**
 * A viewer who opens a movie from one list while the next list is being logged: both write the
 * user's totals and the variant's day totals. With two connections they must not deadlock (found by
 * bench:simulate, where a user rates several released movies at once).
 */
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.destroy());

describe("feedback while the same user's next list is logged", () => {
  it("completes every write and counts every session and click", async () => {
    const experiment = await insertExperiment(t.db, {
      name: "concurrency",
      description: "",
      mode: "aa",
      context: null,
      variants: [{ name: "A", algorithm: "popular", version: null, weight: 1 }],
      status: "running",
      startedAt: new Date(),
      endsAt: null,
      createdBy: null,
    });
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
