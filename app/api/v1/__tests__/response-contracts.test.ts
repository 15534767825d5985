import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import * as tokensRoute from "@/app/api/v1/admin/tokens/route";
import * as tokenRoute from "@/app/api/v1/admin/tokens/[id]/route";
import * as usersRoute from "@/app/api/v1/admin/users/route";
import * as userRoute from "@/app/api/v1/admin/users/[id]/route";
import * as signupRoute from "@/pages/api/v1/auth/signup";
import * as citiesRoute from "@/app/api/v1/cities/route";
import * as genresRoute from "@/app/api/v1/genres/route";
import * as healthRoute from "@/app/api/v1/health/route";
import * as liveRoute from "@/app/api/v1/health/live/route";
import * as readyRoute from "@/app/api/v1/health/ready/route";
import * as moviesRoute from "@/app/api/v1/movies/route";
import * as movieRoute from "@/app/api/v1/movies/[id]/route";
import * as theatersRoute from "@/app/api/v1/theaters/route";
import * as theaterRoute from "@/app/api/v1/theaters/[id]/route";
import * as batchRoute from "@/app/api/v1/showtime-creation/batches/[transactionId]/route";
import * as batchesRoute from "@/app/api/v1/showtime-creation/batches/route";
import * as wizardMoviesRoute from "@/app/api/v1/showtime-creation/movies/route";
import * as findRoute from "@/app/api/v1/showtime-creation/showtimes/find/route";
import * as wizardTheatersRoute from "@/app/api/v1/showtime-creation/theaters/route";
import * as deadLettersRoute from "@/app/api/v1/admin/dead-letters/route";
import * as discardRoute from "@/app/api/v1/admin/dead-letters/[id]/discard/route";
import * as featuresRoute from "@/app/api/v1/features/[userId]/route";
import * as refreshRoute from "@/app/api/v1/features/[userId]/refresh/route";
import { insertDeadLetter } from "@/db/queries/events";
import { ingestEvents } from "@/lib/events/ingest";
import { processPendingEvents } from "@/lib/events/process-events";
import { publicTokenColumns } from "@/db/queries/api-tokens";
import { movieColumns } from "@/db/queries/movies";
import { theaterColumns, theaterSummaryColumns } from "@/db/queries/theaters";
import { publicUserColumns } from "@/db/queries/users";
import { submitShowtimeBatch } from "@/lib/showtimes/batch-service";
import { runShowtimeBatch } from "@/lib/showtimes/run-batch";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { call, tokenFor, type Caller } from "@/test/http";
import { ApiToken, ApiTokenList, CreatedApiToken, SignedUpUser, User, UserPage } from "@/lib/auth/contract";
import { CityList, exampleSeatMap, GenreList, Movie, MoviePage, Theater, TheaterPage, TheaterSummary } from "@/lib/catalog/contract";
import { DeadLetterPage, DeadLetterResolution } from "@/lib/dead-letters/contract";
import { EventReceipt } from "@/lib/events/contract";
import { RefreshedUserFeatures, UserFeatures } from "@/lib/features/contract";
import { Health, Liveness, Readiness } from "@/lib/health/contract";
import { ErrorBody } from "@/lib/http/contract";
import { ShowtimeBatch, ShowtimeBatchPage, UpcomingShowtimes, WizardMoviePage } from "@/lib/showtimes/contract";

describe("the response contracts", () => {
  it("list exactly the columns the queries select", () => {
    expect(Object.keys(Movie.shape)).toEqual(Object.keys(movieColumns));
    expect(Object.keys(TheaterSummary.shape)).toEqual(Object.keys(theaterSummaryColumns));
    expect(Object.keys(Theater.shape).sort()).toEqual(Object.keys(theaterColumns).sort());
    expect(Object.keys(User.shape)).toEqual(Object.keys(publicUserColumns));
    expect(Object.keys(ApiToken.shape)).toEqual(Object.keys(publicTokenColumns));
  });

  it("never describe a password hash", () => {
    expect(JSON.stringify(Object.keys(User.shape))).not.toMatch(/password/i);
  });
});

function expectMatches(schema: z.ZodType, body: unknown) {
  const parsed = schema.safeParse(body);
  expect(parsed.success ? [] : parsed.error.issues).toEqual([]);
}

describe("what the routes answer", () => {
  let t: TestDatabase;
  let admin: Caller;

  beforeAll(async () => {
    t = await createTestDatabase();
    admin = await tokenFor(t.db, ["admin"]);
  });
  afterAll(() => t.destroy());

  it("matches the documented schemas for the catalog", async () => {
    const created = await call(moviesRoute.POST, { method: "POST", body: { id: "296", title: "Pulp Fiction", year: 1994, genres: ["Crime"] }, as: admin });
    expect(created.status).toBe(201);
    expectMatches(Movie, created.body);
    expectMatches(MoviePage, (await call(moviesRoute.GET, { path: "/api/v1/movies?limit=5" })).body);
    expectMatches(Movie, (await call(movieRoute.GET, { params: { id: "296" } })).body);
    expectMatches(GenreList, (await call(genresRoute.GET, {})).body);

    const theater = await call(theatersRoute.POST, {
      method: "POST",
      body: { id: "odeon-1", name: "Odeon 1", city: "Berlin", timeZone: "Europe/Berlin", seatMap: exampleSeatMap },
      as: admin,
    });
    expect(theater.status).toBe(201);
    expectMatches(Theater, theater.body);
    expectMatches(TheaterPage, (await call(theatersRoute.GET, { path: "/api/v1/theaters" })).body);
    expectMatches(Theater, (await call(theaterRoute.GET, { params: { id: "odeon-1" } })).body);
    expectMatches(CityList, (await call(citiesRoute.GET, {})).body);
  });

  it("matches the documented schemas for accounts, users and tokens", async () => {
    const signedUp = await call(signupRoute.POST, { method: "POST", body: { email: "ada@example.com", password: "correct horse battery", displayName: "Ada" } });
    expect(signedUp.status).toBe(201);
    expectMatches(SignedUpUser, signedUp.body);
    expectMatches(UserPage, (await call(usersRoute.GET, { path: "/api/v1/admin/users", as: admin })).body);
    const id = (signedUp.body as { id: string }).id;
    expectMatches(User, (await call(userRoute.PATCH, { method: "PATCH", params: { id }, body: { role: "admin" }, as: admin })).body);

    const token = await call(tokensRoute.POST, { method: "POST", body: { name: "recommender", scopes: ["recs:read"] }, as: admin });
    expect(token.status).toBe(201);
    expectMatches(CreatedApiToken, token.body);
    expectMatches(ApiTokenList, (await call(tokensRoute.GET, { as: admin })).body);
    const revoked = await call(tokenRoute.DELETE, { method: "DELETE", params: { id: (token.body as { id: string }).id }, as: admin });
    expectMatches(ApiToken, revoked.body);
  });

  it("matches the documented schemas for showtime batches", async () => {
    // The catalog test above created movie 296 and theater odeon-1.
    const submitted = await submitShowtimeBatch(t.db, async () => {}, {
      input: { movieId: "296", theaterIds: ["odeon-1"], durationInMinutes: 154, startTimes: ["2031-01-05T19:00:00+01:00"] },
      idempotencyKey: null,
      requestedBy: admin.userId,
      now: new Date(),
    });
    await runShowtimeBatch({ handle: t, now: () => new Date() }, submitted.batchId);
    const batch = await call(batchRoute.GET, { params: { transactionId: submitted.batchId }, as: admin });
    expect(batch.body).toMatchObject({ status: "succeeded" });
    expectMatches(ShowtimeBatch, batch.body);
    expectMatches(ShowtimeBatchPage, (await call(batchesRoute.GET, { path: "/api/v1/showtime-creation/batches", as: admin })).body);
    expectMatches(WizardMoviePage, (await call(wizardMoviesRoute.GET, { path: "/api/v1/showtime-creation/movies", as: admin })).body);
    expectMatches(TheaterPage, (await call(wizardTheatersRoute.GET, { path: "/api/v1/showtime-creation/theaters", as: admin })).body);
    const found = await call(findRoute.POST, { method: "POST", body: { theaterIds: ["odeon-1"] }, as: admin });
    expect(found.body.items).toHaveLength(1);
    expectMatches(UpcomingShowtimes, found.body);
  });

  it("matches the documented schemas for events, features and dead letters", async () => {
    // The route adds the pg-boss wake-up around this; the receipts are what it answers.
    const receipts = await ingestEvents(
      t.db,
      { kind: "token", tokenId: "t", userId: admin.userId, scopes: ["events:write"] },
      [
        { type: "watch", requestId: "w-1", userId: admin.userId, movieId: "296", metadata: { watchDuration: 600, progressPercent: 10 } },
        { type: "search", userId: admin.userId, metadata: { query: "pulp fiction" } },
      ],
      { now: new Date(), fieldOf: (_, field) => field },
    );
    for (const receipt of receipts) expectMatches(EventReceipt, receipt);
    // Features, histories and refreshes show what the worker has applied.
    await processPendingEvents(t.db, { now: () => new Date(), halfLifeHours: 24 });

    const features = (await call(featuresRoute.GET, { params: { userId: admin.userId }, as: admin })).body;
    expect(features).toMatchObject({ watchHistory: [{ movieId: "296" }], searchHistory: [{ query: "pulp fiction" }] });
    expectMatches(UserFeatures, features);
    const refreshed = await call(refreshRoute.POST, { method: "POST", path: "/x?daysBack=30", params: { userId: admin.userId }, as: admin });
    expect(refreshed.body).toMatchObject({ watchCount: 1, rebuiltFrom: { events: 2, daysBack: 30 } });
    expectMatches(RefreshedUserFeatures, refreshed.body);

    const id = String(await insertDeadLetter(t.db, { queue: "events.process", payload: { eventId: 1 }, error: "boom", attempts: 3 }));
    const letters = await call(deadLettersRoute.GET, { path: "/api/v1/admin/dead-letters", as: admin });
    expect(letters.body.items).toHaveLength(1);
    expectMatches(DeadLetterPage, letters.body);
    expectMatches(DeadLetterResolution, (await call(discardRoute.POST, { method: "POST", params: { id }, as: admin })).body);
  });

  it("answers errors in the documented error shape", async () => {
    const missing = await call(movieRoute.GET, { params: { id: "nope" } });
    expect(missing.status).toBe(404);
    expectMatches(ErrorBody, missing.body);
    const invalid = await call(moviesRoute.POST, { method: "POST", body: { title: "" }, as: admin });
    expect(invalid.status).toBe(400);
    expectMatches(ErrorBody, invalid.body);
  });

  it("matches the documented liveness and readiness answers", async () => {
    expectMatches(Liveness, (await call(liveRoute.GET, {})).body);
    const ready = await call(readyRoute.GET, {});
    expect(ready.status).toBe(200);
    expectMatches(Readiness, ready.body);
  });

  it("matches the documented health answer, which says where the job workers run", async () => {
    const health = await call(healthRoute.GET, {});
    expect(health.status).toBe(200);
    expectMatches(Health, health.body);
    // The test database is embedded (workers in this process) or a server (MARQUEE_WORKERS=inline in tests).
    expect((health.body as { components: Record<string, unknown> }).components.jobWorkers).toMatchObject({ status: "ok", detail: "in this process" });
  });
});
