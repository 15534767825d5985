import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMinuteScore, logExperimentSession } from "@/db/queries/experiments";
import { experimentForContext } from "@/lib/experiments/experiment-service";
import { maintainSessionPartitions } from "@/lib/recs/session-service";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { call, sessionFor, type Caller } from "@/test/http";
import * as experimentsRoute from "../experiments/route";
import * as experimentRoute from "../experiments/[id]/route";
import * as resultsRoute from "../experiments/[id]/results/route";

/** What /admin/experiments sends: a split in percent, start and stop times; and the list it reads. */
let t: TestDatabase;
let admin: Caller;
let viewer: Caller;

const variants = [
  { name: "A", algorithm: "popular" },
  { name: "B", algorithm: "ease" },
];

async function listed() {
  const res = await call(experimentsRoute.GET, { path: "/api/v1/experiments?limit=50", as: admin });
  expect(res.status).toBe(200);
  return res.body as { total: number; items: { id: string; name: string; status: string; startedAt: string | null; sessions: number; variants: { weight: number }[] }[] };
}

beforeAll(async () => {
  t = await createTestDatabase();
  admin = await sessionFor(t.db, "admin");
  viewer = await sessionFor(t.db, "viewer");
  await maintainSessionPartitions(t.db, { now: new Date(), retentionDays: 90 });
});
afterAll(() => t.destroy());

describe("creating an experiment with a split in percent", () => {
  it("refuses a split that does not add up to 100, naming the field, and creates nothing", async () => {
    const res = await call(experimentsRoute.POST, { method: "POST", body: { name: "Uneven", variants, split: [60, 50], start: true }, as: admin });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.split).toBe("The split must add up to 100% (it adds up to 110%)");
    const wrongLength = await call(experimentsRoute.POST, { method: "POST", body: { name: "Short", variants, split: [100] }, as: admin });
    expect(wrongLength.status).toBe(400);
    expect(wrongLength.body.error.fields).toHaveProperty("split");
    expect((await listed()).total).toBe(0);
  });

  it("refuses a stop time that has passed, or one before the start", async () => {
    const past = await call(experimentsRoute.POST, { method: "POST", body: { name: "Over", variants, start: true, endsAt: "2020-01-01T00:00:00Z" }, as: admin });
    expect(past.status).toBe(422);
    expect(past.body.error.fields).toHaveProperty("endsAt");
    const inverted = await call(experimentsRoute.POST, { method: "POST", body: { name: "Inverted", variants, startsAt: "2099-01-02T00:00:00Z", endsAt: "2099-01-01T00:00:00Z" }, as: admin });
    expect(inverted.status).toBe(400);
    expect(inverted.body.error.fields).toHaveProperty("endsAt");
    expect((await listed()).total).toBe(0);
  });

  it("keeps the split as the variants' weights, and lets a viewer neither list nor create", async () => {
    const created = await call(experimentsRoute.POST, { method: "POST", body: { name: "70/30", variants, split: [70, 30], start: true }, as: admin });
    expect(created.status).toBe(201);
    expect(created.body.variants.map((v: { weight: number }) => v.weight)).toEqual([70, 30]);
    expect((await call(experimentsRoute.GET, { path: "/api/v1/experiments", as: viewer })).status).toBe(403);
    expect((await call(experimentsRoute.POST, { method: "POST", body: { name: "Mine", variants, split: [50, 50] }, as: viewer })).status).toBe(403);
    await call(experimentRoute.PATCH, { method: "PATCH", params: { id: created.body.id }, body: { status: "stopped" }, as: admin });
  });
});

describe("a scheduled start", () => {
  it("is running from its start time on, serves no list before it, and starting it brings the start forward", async () => {
    const startsAt = new Date(Date.now() + 3_600_000).toISOString();
    const created = await call(experimentsRoute.POST, { method: "POST", body: { name: "Later", context: "later", variants, split: [50, 50], startsAt }, as: admin });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "running", startedAt: startsAt });
    expect(await experimentForContext(t.db, "later", new Date())).toBeNull();
    expect((await experimentForContext(t.db, "later", new Date(Date.parse(startsAt) + 1000)))?.id).toBe(created.body.id);

    const started = await call(experimentRoute.PATCH, { method: "PATCH", params: { id: created.body.id }, body: { status: "running" }, as: admin });
    expect(Date.parse(started.body.startedAt)).toBeLessThanOrEqual(Date.now());
  });
});

describe("the list", () => {
  it("shows each experiment's sessions so far, from its totals", async () => {
    const created = await call(experimentsRoute.POST, { method: "POST", body: { name: "Counted", context: "counted", variants, split: [50, 50], start: true }, as: admin });
    for (const [i, variant] of ["A", "B", "B"].entries()) {
      await logExperimentSession(t.db, {
        sessionId: randomUUID(),
        createdAt: new Date(),
        userId: `u-${i}`,
        algorithm: "popular",
        modelVersionId: null,
        context: "counted",
        movieIds: ["m-1", "m-2"],
        cached: false,
        experimentId: created.body.id,
        variant,
      });
    }
    const row = (await listed()).items.find((e) => e.id === created.body.id)!;
    expect(row.sessions).toBe(3);
    expect((await listed()).items.find((e) => e.name === "70/30")!.sessions).toBe(0);
  });
});

describe("the score chart", () => {
  it("sums minutes into wider buckets when the experiment ran for longer than 240 of them", async () => {
    const created = await call(experimentsRoute.POST, { method: "POST", body: { name: "Long", context: "long", variants, split: [50, 50], start: true }, as: admin });
    const id = created.body.id;
    const at = (minutes: number) => new Date(Date.UTC(2031, 0, 5, 10, 0) + minutes * 60_000);
    // Two selections a minute apart (scores 10 and 4), and two ten hours later (5 and 4) by users of two shards.
    await addMinuteScore(t.db, { experimentId: id, variant: "A", minute: at(0), actionCycle: 1, shard: 0, n: 1, sum: 10 });
    await addMinuteScore(t.db, { experimentId: id, variant: "A", minute: at(1), actionCycle: 1, shard: 5, n: 1, sum: 4 });
    await addMinuteScore(t.db, { experimentId: id, variant: "B", minute: at(600), actionCycle: 1, shard: 2, n: 1, sum: 5 });
    await addMinuteScore(t.db, { experimentId: id, variant: "B", minute: at(600), actionCycle: 1, shard: 9, n: 1, sum: 4 });
    const results = await call(resultsRoute.GET, { params: { id }, as: admin });
    const series = results.body.series as { bucketMinutes: number; points: { minute: string; sessions: Record<string, number>; meanScore: Record<string, number | null> }[] };
    expect(series.bucketMinutes).toBe(5);
    expect(series.points.length).toBeLessThanOrEqual(240);
    expect(series.points[0]).toMatchObject({ minute: at(0).toISOString(), sessions: { A: 2, B: 0 }, meanScore: { A: 7, B: null } });
    expect(series.points.at(-1)).toMatchObject({ minute: at(600).toISOString(), sessions: { A: 0, B: 2 }, meanScore: { A: null, B: 4.5 } });
  });
});
