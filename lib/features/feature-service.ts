import { z } from "zod";
import type { Db } from "@/db/client";
import { currentRatingsOf, eventsOfUserSince, findUserFeatures, genresOfMovies, saveUserFeatures } from "@/db/queries/events";
import { findUserById } from "@/db/queries/users";
import type { Actor } from "@/lib/auth/actor";
import { isAdmin } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors/app-error";
import { applyEvents, emptyFeatures, storedFeaturesOf, withRatings, type UserFeatures } from "./user-features";

export const refreshQuery = z.object({ daysBack: z.coerce.number().int().min(1).max(3650).default(90) }).strict();

/** Features are readable by the user themself, admins, and services that read recommendations. */
export function authorizeFeatureReader(actor: Actor | null, userId: string) {
  if (!actor) throw new AppError("unauthorized", "Sign in, or send an API token");
  if (isAdmin(actor)) return;
  if (actor.kind === "token" && (actor.scopes.includes("recs:read") || actor.scopes.includes("events:write"))) return;
  if (actor.kind === "user" && actor.userId === userId) return;
  throw new AppError("forbidden:features", "You can only read your own features");
}

/** What GET /features/{userId} answers: the public part of the stored features. */
export function featuresView(userId: string, features: UserFeatures, updatedAt: Date | null) {
  const { keywordCounts: _internal, ...visible } = features;
  void _internal;
  return { userId, ...visible, updatedAt: updatedAt?.toISOString() ?? null };
}

export async function getFeatures(db: Db, userId: string) {
  const user = await findUserById(db, userId);
  if (!user) throw new AppError("not_found:user", `No user with id '${userId}'`, { fields: { userId: "Not found" } });
  const [stored, ratings] = await Promise.all([findUserFeatures(db, userId), currentRatingsOf(db, userId)]);
  return featuresView(userId, withRatings(storedFeaturesOf(stored?.features), ratings), stored?.updatedAt ?? null);
}

/**
 * Rebuilds a user's features from their raw events of the last `daysBack` days. Ratings are the
 * user's current ones whatever the window: the `ratings` table holds them, not the features.
 */
export async function refreshFeatures(db: Db, userId: string, daysBack: number, now: Date) {
  const user = await findUserById(db, userId);
  if (!user) throw new AppError("not_found:user", `No user with id '${userId}'`, { fields: { userId: "Not found" } });
  const events = await eventsOfUserSince(db, userId, new Date(now.getTime() - daysBack * 86_400_000));
  const genres = await genresOfMovies(db, [...new Set(events.map((e) => e.movieId).filter((id): id is string => Boolean(id)))]);
  const features = applyEvents(emptyFeatures(), events, (id) => genres.get(id) ?? []);
  await saveUserFeatures(db, [{ userId, features: features as unknown as Record<string, unknown> }], now);
  return { ...featuresView(userId, withRatings(features, await currentRatingsOf(db, userId)), now), rebuiltFrom: { events: events.length, daysBack } };
}
