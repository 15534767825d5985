import "server-only";
import { and, eq, gte, notInArray, sql } from "drizzle-orm";
import type { FeedbackKind } from "@/lib/feedback/contract";
import type { Db } from "../client";
import { announceUsersChanged } from "./events";
import { rowsOf } from "../client";
import { feedbackEvents, recommendationCache, recommendationSessions, sessionFeedback } from "../schema";

export type SessionFeedbackRow = typeof sessionFeedback.$inferSelect;

/** A session's feedback state, locked for this transaction; created empty on first feedback. */
export async function lockSessionFeedback(
  tx: Db,
  session: { sessionId: string; sessionCreatedAt: Date; userId: string; experimentId: string | null; variant: string | null; actionCycle: number | null; shownMovieIds: string[] },
  now: Date,
): Promise<SessionFeedbackRow> {
  await tx
    .insert(sessionFeedback)
    .values({ ...session, updatedAt: now })
    .onConflictDoNothing({ target: sessionFeedback.sessionId });
  const [row] = await tx.select().from(sessionFeedback).where(eq(sessionFeedback.sessionId, session.sessionId)).for("update");
  return row!;
}

export async function saveSessionFeedback(tx: Db, sessionId: string, patch: Pick<SessionFeedbackRow, "selectedMovieId" | "score" | "reactions" | "watchTimeSec" | "updatedAt">) {
  await tx.update(sessionFeedback).set(patch).where(eq(sessionFeedback.sessionId, sessionId));
}

export interface NewFeedbackEvent {
  sessionId: string;
  userId: string;
  kind: FeedbackKind;
  movieId: string;
  position: number | null;
  listLength: number;
  score: number | null;
  watchTimeSec: number | null;
  context: string | null;
  createdAt: Date;
}

/** Stores each piece once per (session, movie, kind); a repeat only moves its time. Ids in input order. */
export async function upsertFeedbackEvents(tx: Db, rows: NewFeedbackEvent[]): Promise<number[]> {
  if (!rows.length) return [];
  const stored = await tx
    .insert(feedbackEvents)
    .values(rows)
    .onConflictDoUpdate({
      target: [feedbackEvents.sessionId, feedbackEvents.movieId, feedbackEvents.kind],
      set: { createdAt: sql`excluded.created_at`, watchTimeSec: sql`coalesce(excluded.watch_time_sec, ${feedbackEvents.watchTimeSec})` },
    })
    .returning({ id: feedbackEvents.id, movieId: feedbackEvents.movieId, kind: feedbackEvents.kind });
  const idOf = new Map(stored.map((r) => [`${r.movieId}|${r.kind}`, r.id]));
  return rows.map((r) => idOf.get(`${r.movieId}|${r.kind}`)!);
}

/** Movies the user turned down (disliked, or not interested) and has neither liked nor taken back since. */
export async function dismissedMovieIds(db: Db, userId: string): Promise<string[]> {
  const rows = rowsOf<{ movie_id: string }>(
    await db.execute(sql`
      select movie_id from (
        select distinct on (movie_id) movie_id, kind from feedback_events
         where user_id = ${userId} and kind in ('like', 'dislike', 'not_interested', 'clear_reaction')
         order by movie_id, created_at desc, id desc
      ) latest
       where kind in ('dislike', 'not_interested')
    `),
  );
  return rows.map((r) => r.movie_id);
}

/** A dismissal must leave the user's lists at once: their cached lists are recomputed on next read. */
export async function forgetCachedLists(db: Db, userId: string) {
  await db.delete(recommendationCache).where(eq(recommendationCache.userId, userId));
  await announceUsersChanged(db, [userId]);
}

export async function findSessionFeedback(db: Db, sessionId: string) {
  const [row] = await db.select().from(sessionFeedback).where(and(eq(sessionFeedback.sessionId, sessionId)));
  return row ?? null;
}

/**
 * The movies the user likes now, newest first: those whose latest reaction from them (like, dislike,
 * "not interested" or a clear) is a like. Only among `movieIds` when given.
 */
export async function likedMovieIds(db: Db, userId: string, options: { movieIds?: string[]; limit: number }): Promise<string[]> {
  const among = options.movieIds ? sql`and movie_id in (select jsonb_array_elements_text(${JSON.stringify(options.movieIds)}::jsonb))` : sql``;
  const rows = rowsOf<{ movie_id: string }>(
    await db.execute(sql`
      select movie_id from (
        select distinct on (movie_id) movie_id, kind, created_at from feedback_events
         where user_id = ${userId} and kind in ('like', 'dislike', 'not_interested', 'clear_reaction') ${among}
         order by movie_id, created_at desc, id desc
      ) latest
       where kind = 'like'
       order by created_at desc, movie_id
       limit ${options.limit}
    `),
  );
  return rows.map((r) => r.movie_id);
}

/** Logged sessions that got feedback, created at or after `since` and not of `excludeContexts`: the list shown and what came back. */
export async function sessionsWithFeedbackSince(db: Db, since: Date, options: { excludeContexts?: readonly string[] } = {}) {
  const excluded = options.excludeContexts ?? [];
  const s = recommendationSessions;
  return db
    .select({ userId: sessionFeedback.userId, shownMovieIds: sessionFeedback.shownMovieIds, selectedMovieId: sessionFeedback.selectedMovieId, reactions: sessionFeedback.reactions })
    .from(sessionFeedback)
    .innerJoin(s, and(eq(s.sessionId, sessionFeedback.sessionId), eq(s.createdAt, sessionFeedback.sessionCreatedAt)))
    .where(and(gte(sessionFeedback.sessionCreatedAt, since), excluded.length ? notInArray(s.context, [...excluded]) : undefined));
}
