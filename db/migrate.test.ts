import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "./client";
import { MIGRATIONS_FOLDER, migrateDatabase } from "./migrate";
import { insertEvents } from "./queries/events";
import { events, experimentDailyStats, experimentUserStats, users } from "./schema";
import { sessionContribution } from "@/lib/experiments/aggregates";
import { positionScore } from "@/lib/feedback/position-score";
import { withDatabase } from "@/test/global-setup";

/**
 * Migrations that change data already stored: each test migrates a database up to the migration
 * before the one under test, gives it rows, then migrates it to the end.
 */
interface DatabaseBefore {
  handle: DatabaseHandle;
  dispose: () => Promise<void>;
}

async function databaseBefore(tag: string): Promise<DatabaseBefore> {
  const before = fs.mkdtempSync(path.join(os.tmpdir(), "marquee-migrations-"));
  // The migrations up to (not including) the one under test.
  fs.cpSync(MIGRATIONS_FOLDER, before, { recursive: true });
  const journalPath = path.join(before, "meta/_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  const index = journal.entries.findIndex((e) => e.tag === tag);
  if (index < 0) throw new Error(`no migration tagged ${tag}`);
  journal.entries = journal.entries.slice(0, index);
  fs.writeFileSync(journalPath, JSON.stringify(journal));
  const removeFolder = () => fs.rmSync(before, { recursive: true, force: true });

  if (process.env.MARQUEE_TEST_DB === "postgres") {
    const server = postgres(process.env.TEST_DATABASE_URL!, { max: 1, onnotice: () => {} });
    const name = `marquee_test_migrate_${randomBytes(6).toString("hex")}`;
    await server.unsafe(`create database "${name}"`);
    const handle = await openDatabase({ url: withDatabase(process.env.TEST_DATABASE_URL!, name), maxConnections: 2 });
    await migratePostgres(handle.db as unknown as PostgresJsDatabase, { migrationsFolder: before });
    return {
      handle,
      dispose: async () => {
        await handle.close();
        await server.unsafe(`drop database if exists "${name}" with (force)`);
        await server.end();
        removeFolder();
      },
    };
  }
  const handle = await openDatabase({ dataDir: "memory://" });
  await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: before });
  return {
    handle,
    dispose: async () => {
      await handle.close();
      removeFolder();
    },
  };
}

const event = (requestId: string, userId: string) => ({ requestId, type: "search" as const, userId, movieId: null, clientTimestamp: null, metadata: { query: userId } });

describe("migration 0009: idempotency keys per user", () => {
  let handle: DatabaseHandle;
  let database: DatabaseBefore;
  beforeAll(async () => {
    database = await databaseBefore("0009_events_request_id_per_user");
    handle = database.handle;
  });
  afterAll(() => database.dispose());

  it("keeps every stored event, and from then on the same key for another user is another event", async () => {
    await handle.db.insert(users).values(["ann", "bob"].map((id) => ({ id, displayName: id, role: "viewer" as const })));
    await handle.db.insert(events).values([event("k-1", "ann"), event("k-2", "ann"), event("k-3", "bob")]);
    // Before: a key is unique across all users.
    await expect(handle.db.insert(events).values(event("k-1", "bob"))).rejects.toThrow();

    await migrateDatabase(handle);

    const rows = await handle.db.select({ requestId: events.requestId, userId: events.userId }).from(events).orderBy(asc(events.id));
    expect(rows).toEqual([
      { requestId: "k-1", userId: "ann" },
      { requestId: "k-2", userId: "ann" },
      { requestId: "k-3", userId: "bob" },
    ]);
    expect((await insertEvents(handle.db, [event("k-1", "bob")]))[0]!.accepted).toBe(true);
    expect((await insertEvents(handle.db, [event("k-1", "ann")]))[0]!.accepted).toBe(false);
    expect(await handle.db.select({ userId: events.userId }).from(events).where(eq(events.requestId, "k-1")).orderBy(asc(events.id))).toEqual([{ userId: "ann" }, { userId: "bob" }]);
  });
});

describe("migration 0010: each user's totals per experiment variant", () => {
  let handle: DatabaseHandle;
  let database: DatabaseBefore;
  beforeAll(async () => {
    database = await databaseBefore("0010_experiment_user_stats");
    handle = database.handle;
  });
  afterAll(() => database.dispose());

  it("sums every session already logged, with its feedback, as logging and feedback keep them from then on", async () => {
    const experimentId = "7a0b5c3e-1d2f-4e6a-8b9c-0d1e2f3a4b5c";
    const at = "2026-11-30T10:00:00Z";
    const sessions = [
      { id: "00000000-0000-4000-8000-000000000001", user: "ann", variant: "A", shown: ["m1", "m2", "m3", "m4"], selected: "m2", reactions: { m2: "like", m4: "dislike" } },
      { id: "00000000-0000-4000-8000-000000000002", user: "ann", variant: "A", shown: ["m5", "m6", "m7"], selected: null, reactions: null },
      // Opened m5 and then disliked it, liked m1: m1 is the one positive.
      { id: "00000000-0000-4000-8000-000000000003", user: "bob", variant: "B", shown: ["m1", "m2", "m3", "m4", "m5"], selected: "m5", reactions: { m5: "dislike", m1: "like" } },
      { id: "00000000-0000-4000-8000-000000000004", user: "bob", variant: "B", shown: ["m1", "m2", "m3"], selected: null, reactions: { m3: "not_interested" } },
    ] as const;
    for (const s of sessions) {
      await handle.db.execute(sql`
        insert into recommendation_sessions (session_id, created_at, user_id, algorithm, context, movie_ids, cached, experiment_id, variant)
        values (${s.id}::uuid, ${at}::timestamptz, ${s.user}, 'popular', 'home', ${sql.raw(`array[${s.shown.map((m) => `'${m}'`).join(",")}]`)}, false, ${experimentId}::uuid, ${s.variant})`);
      if (s.reactions === null) continue;
      const score = s.selected === null ? null : positionScore(s.shown, s.selected);
      await handle.db.execute(sql`
        insert into session_feedback (session_id, session_created_at, user_id, experiment_id, variant, shown_movie_ids, selected_movie_id, score, reactions, updated_at)
        values (${s.id}::uuid, ${at}::timestamptz, ${s.user}, ${experimentId}::uuid, ${s.variant}, ${sql.raw(`array[${s.shown.map((m) => `'${m}'`).join(",")}]`)}, ${s.selected}, ${score}, ${JSON.stringify(s.reactions)}::jsonb, ${at}::timestamptz)`);
    }
    await handle.db.execute(sql`insert into experiment_daily_stats (experiment_id, variant, day, sessions) values (${experimentId}::uuid, 'A', '2026-11-30', 2)`);

    await migrateDatabase(handle);

    // What the live path adds up for the same sessions: each one's contribution, summed per user.
    const expected = new Map<string, { sessions: number; clicks: number; likes: number; reactions: number; scoreN: number; scoreSum: number; precisionSum: number; recallN: number; recallSum: number }>();
    for (const s of sessions) {
      const reactions = Object.entries(s.reactions ?? {})
        .filter(([, kind]) => kind !== "not_interested")
        .map(([movieId, kind]) => ({ movieId, liked: kind === "like" }));
      const c = sessionContribution({ shownMovieIds: s.shown, selectedMovieId: s.selected, reactions });
      const key = `${s.variant}/${s.user}`;
      const sum = expected.get(key) ?? { sessions: 0, clicks: 0, likes: 0, reactions: 0, scoreN: 0, scoreSum: 0, precisionSum: 0, recallN: 0, recallSum: 0 };
      expected.set(key, {
        sessions: sum.sessions + c.sessions,
        clicks: sum.clicks + c.clicks,
        likes: sum.likes + c.likes,
        reactions: sum.reactions + c.likes + c.dislikes,
        scoreN: sum.scoreN + c.positionScore.n,
        scoreSum: sum.scoreSum + c.positionScore.sum,
        precisionSum: sum.precisionSum + c.precisionAtK.sum,
        recallN: sum.recallN + c.recallAtK.n,
        recallSum: sum.recallSum + c.recallAtK.sum,
      });
    }
    const stored = await handle.db.select().from(experimentUserStats).orderBy(asc(experimentUserStats.userId));
    expect(stored).toHaveLength(2);
    for (const row of stored) {
      const want = expected.get(`${row.variant}/${row.userId}`)!;
      const { scoreSum, precisionSum, recallSum, ...counts } = want;
      expect(row).toMatchObject(counts);
      // The stored score is a real (float4): close, not equal.
      expect(row.scoreSum).toBeCloseTo(scoreSum, 5);
      expect(row.precisionSum).toBeCloseTo(precisionSum, 12);
      expect(row.recallSum).toBeCloseTo(recallSum, 12);
    }
    // Bob's opened movie, disliked in the end, is no positive; the movie he liked is, in his top 3.
    expect(stored.find((row) => row.userId === "bob")).toMatchObject({ clicks: 1, likes: 1, reactions: 2, recallN: 1, recallSum: 1 });
    // Precision@K counts every session, with feedback or not.
    const [day] = await handle.db.select({ precisionN: experimentDailyStats.precisionN }).from(experimentDailyStats);
    expect(day!.precisionN).toBe(2);
  });
});
