import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logExperimentSession } from "@/db/queries/experiments";
import { experimentForContext } from "@/lib/experiments/experiment-service";
import { maintainSessionPartitions } from "@/lib/recs/session-service";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { call, sessionFor, type Caller } from "@/test/http";
import * as experimentsRoute from "../experiments/route";
import * as experimentRoute from "../experiments/[id]/route";

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
