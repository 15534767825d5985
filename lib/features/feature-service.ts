import "server-only";
import type { Db } from "@/db/client";
import { appliedEventsOfUserSince, currentRatingsOf, findUserFeatures, genresOfMovies, latestAppliedEvents, lockUserFeatures, saveUserFeatures } from "@/db/queries/events";
import { findUserById } from "@/db/queries/users";
import { requireSelf, requireViewerOrScope, type Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors/app-error";
import { applyEvents, emptyFeatures, SEARCH_HISTORY_LIMIT, storedFeaturesOf, WATCH_HISTORY_LIMIT, withHistory, type UserFeatures, type UserHistory } from "./user-features";

/** Features are readable by the user themself, admins, and services that read recommendations (recs:read). */
export function authorizeFeatureReader(actor: Actor | null, userId: string) {
  requireSelf(requireViewerOrScope(actor, ["recs:read"]), userId, { code: "forbidden:features", message: "You can only read your own features" });
}

/** Rebuilding features is a write: the user themself and admins; no token scope grants it. */
export function authorizeFeatureRefresh(actor: Actor | null, userId: string) {
  requireSelf(requireViewerOrScope(actor, []), userId, { code: "forbidden:features", message: "You can only rebuild your own features" });
}

/** What GET /features/{userId} answers: the public part of the stored features. */
export function featuresView(userId: string, features: UserFeatures, updatedAt: Date | null) {
  const { keywordCounts: _internal, ...visible } = features;
  void _internal;
  return { userId, ...visible, updatedAt: updatedAt?.toISOString() ?? null };
}

/** The user's latest watches and searches (from the events the worker applied) and current ratings. */
async function historyOf(db: Db, userId: string): Promise<UserHistory> {
  const [watches, searches, ratings] = await Promise.all([
    latestAppliedEvents(db, userId, "watch", WATCH_HISTORY_LIMIT),
    latestAppliedEvents(db, userId, "search", SEARCH_HISTORY_LIMIT),
    currentRatingsOf(db, userId),
  ]);
  return {
    watches: watches.map((e) => ({ movieId: e.movieId ?? "", watchDuration: Number(e.metadata.watchDuration ?? 0), progressPercent: Number(e.metadata.progressPercent ?? 0), at: e.at })),
    searches: searches.map((e) => ({ query: String(e.metadata.query ?? ""), at: e.at })),
    ratings,
  };
}

async function assertUserExists(db: Db, userId: string) {
  if (!(await findUserById(db, userId))) throw new AppError("not_found:user", `No user with id '${userId}'`, { fields: { userId: "Not found" } });
}

export async function getFeatures(db: Db, userId: string) {
  await assertUserExists(db, userId);
  const [stored, history] = await Promise.all([findUserFeatures(db, userId), historyOf(db, userId)]);
  return featuresView(userId, withHistory(storedFeaturesOf(stored?.features), history), stored?.updatedAt ?? null);
}

/**
 * Rebuilds a user's features from the events of the last `daysBack` days that the worker has
 * applied. The user's row is locked first, so the worker waits and then applies its new events
 * on top of the rebuilt features: none is left out or counted twice. Histories and ratings are
 * the user's current ones whatever the window.
 */
export async function refreshFeatures(db: Db, userId: string, daysBack: number, now: Date) {
  await assertUserExists(db, userId);
  const { features, events } = await db.transaction(async (tx) => {
    await lockUserFeatures(tx, [userId]);
    const events = await appliedEventsOfUserSince(tx, userId, new Date(now.getTime() - daysBack * 86_400_000));
    const genres = await genresOfMovies(tx, [...new Set(events.map((e) => e.movieId).filter((id): id is string => Boolean(id)))]);
    const features = applyEvents(emptyFeatures(), events, (id) => genres.get(id) ?? []);
    await saveUserFeatures(tx, [{ userId, features: features as unknown as Record<string, unknown> }], now);
    return { features, events };
  });
  return { ...featuresView(userId, withHistory(features, await historyOf(db, userId)), now), rebuiltFrom: { events: events.length, daysBack } };
}
