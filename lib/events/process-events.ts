import "server-only";
import type { Db } from "@/db/client";
import {
  claimUnprocessedEvents,
  genresOfMovies,
  insertDeadLetter,
  lockUserFeatures,
  markEventsDeadLettered,
  readUserFeatures,
  saveUserFeatures,
  unprocessedEventIds,
  upsertRatings,
  type ClaimedEvent,
} from "@/db/queries/events";
import { addDailyActivity, addTrendActivity, ownRatingAverages, saveOwnRatingScores, type DailyDelta, type TrendDelta } from "@/db/queries/trends";
import { applyEvents, storedFeaturesOf } from "@/lib/features/user-features";
import { groupBy } from "@/lib/collections/group-by";
import { logger } from "@/lib/log/logger";
import { addActivity, ownRatingsScore, type ActivityKind } from "@/lib/trends/formulas";

export const PROCESS_EVENTS_QUEUE = "events.process";
export const BATCH_SIZE = 2_000;
export const ATTEMPTS_BEFORE_DEAD_LETTER = 3;
const USERS_PER_SLICE = 100;

export interface ProcessingOptions {
  now: () => Date;
  halfLifeHours: number;
}

/**
 * Applies everything that new events change — user features, current ratings, movie views,
 * trending scores and daily activity — in the same transaction that marks the events processed,
 * so each event counts exactly once. An event that keeps failing goes to the dead letters.
 * Returns once it has worked off the backlog it found.
 */
export async function processPendingEvents(db: Db, options: ProcessingOptions): Promise<{ processed: number; deadLettered: number }> {
  let processed = 0;
  let deadLettered = 0;
  for (;;) {
    let claimed: number;
    try {
      claimed = await db.transaction(async (tx) => applyBatch(tx, await claimUnprocessedEvents(tx, BATCH_SIZE), options));
    } catch (error) {
      // Something in the batch is poison: go one by one to find it and keep the rest flowing.
      logger.warn({ err: error }, "event batch failed; processing one at a time");
      const ids = await unprocessedEventIds(db, BATCH_SIZE);
      if (!ids.length) break;
      for (const id of ids) {
        const outcome = await processOne(db, id, options);
        if (outcome === "dead") deadLettered++;
        else processed++;
      }
      continue;
    }
    processed += claimed;
    // A batch that was not full has worked off the backlog. Events stored since then are left to
    // the next job: claiming again at once, under a steady trickle, would run a transaction for
    // every few events and never end, taking the CPU the requests need.
    if (claimed < BATCH_SIZE) break;
  }
  return { processed, deadLettered };
}

async function processOne(db: Db, id: number, options: ProcessingOptions): Promise<"ok" | "dead"> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= ATTEMPTS_BEFORE_DEAD_LETTER; attempt++) {
    try {
      await db.transaction(async (tx) => applyBatch(tx, await claimUnprocessedEvents(tx, 1, [id]), options));
      return "ok";
    } catch (error) {
      lastError = error;
    }
  }
  await db.transaction(async (tx) => {
    const [event] = await claimUnprocessedEvents(tx, 1, [id]);
    if (!event) return;
    await markEventsDeadLettered(tx, [id], options.now());
    await insertDeadLetter(tx, { queue: PROCESS_EVENTS_QUEUE, payload: { eventId: id, type: event.type, userId: event.userId, movieId: event.movieId }, error: describeError(lastError), attempts: ATTEMPTS_BEFORE_DEAD_LETTER });
  });
  logger.error({ err: lastError, eventId: id }, "event moved to the dead letters");
  return "dead";
}

export function describeError(error: unknown): string {
  const parts: string[] = [];
  // Each part bounded, so a long failed statement cannot push its cause (what went wrong) out.
  for (let e: unknown = error; e && parts.length < 3; e = (e as { cause?: unknown }).cause) parts.push((e instanceof Error ? e.message : String(e)).slice(0, 600));
  return parts.join(" — caused by: ").slice(0, 2_000);
}

async function applyBatch(tx: Db, batch: ClaimedEvent[], options: ProcessingOptions): Promise<number> {
  if (!batch.length) return 0;
  const now = options.now();
  const movieIds = [...new Set(batch.map((e) => e.movieId).filter((id): id is string => Boolean(id)))];
  const genres = await genresOfMovies(tx, movieIds);

  const byUser = groupBy(batch, (e) => e.userId);
  await lockUserFeatures(tx, [...byUser.keys()]);
  // Parsing, folding and serialising features is CPU work in the process that may also serve
  // requests: a slice of users at a time, yielding in between, keeps it from holding them up.
  const users = [...byUser];
  for (let from = 0; from < users.length; from += USERS_PER_SLICE) {
    if (from > 0) await new Promise((resolve) => setImmediate(resolve));
    const slice = users.slice(from, from + USERS_PER_SLICE);
    const stored = await readUserFeatures(tx, slice.map(([userId]) => userId));
    const updated = slice.map(([userId, list]) => {
      return { userId, features: applyEvents(storedFeaturesOf(stored.get(userId)), list, (id) => genres.get(id) ?? []) as unknown as Record<string, unknown> };
    });
    await saveUserFeatures(tx, updated, now);
  }

  const rated = batch.filter((e) => e.type === "rating" && e.movieId).map((e) => ({ userId: e.userId, movieId: e.movieId!, rating: Number(e.metadata.rating), at: e.at }));
  await upsertRatings(tx, rated);
  // Without a TMDB score (no key, or no TMDB id) a movie's stand-in score is its own average
  // rating: it follows each rating as it is applied, not only the daily refresh.
  const ownScored = await ownRatingAverages(tx, rated.map((r) => r.movieId));
  await saveOwnRatingScores(tx, ownScored.map((m) => ({ movieId: m.movieId, status: m.status, ...ownRatingsScore(m.average, m.count, m.status) })));

  const activity = new Map<string, { kind: ActivityKind; atMs: number }[]>();
  const daily = new Map<string, DailyDelta>();
  for (const e of batch) {
    if (!e.movieId || e.type === "search") continue;
    const kind: ActivityKind | null = e.type === "watch" ? "watch" : e.type === "rating" ? "rating" : e.metadata.action === "add" ? "favorite" : null;
    if (!kind) continue;
    // Decay runs on the server's clock: a device's clock, even within its window, must not be
    // able to keep a movie "trending" or date its activity into the past.
    const atMs = Date.parse(e.receivedAt);
    const seen = activity.get(e.movieId);
    if (seen) seen.push({ kind, atMs });
    else activity.set(e.movieId, [{ kind, atMs }]);
    const day = e.at.slice(0, 10);
    const key = `${e.movieId}|${day}`;
    const d = daily.get(key) ?? { movieId: e.movieId, day, views: 0, watches: 0, favorites: 0, ratings: 0 };
    // A watch is also a view: the trend score counts both.
    if (kind === "watch") {
      d.watches++;
      d.views++;
    }
    if (kind === "favorite") d.favorites++;
    if (kind === "rating") d.ratings++;
    daily.set(key, d);
  }
  const deltas: TrendDelta[] = [...activity].map(([movieId, list]) => {
    const { score, atMs } = addActivity({ score: 0, atMs: null }, list, options.halfLifeHours);
    return { movieId, views: list.filter((a) => a.kind === "watch").length, trending: score, at: new Date(atMs) };
  });
  await addTrendActivity(tx, deltas, options.halfLifeHours);
  await addDailyActivity(tx, [...daily.values()]);
  return batch.length;
}
