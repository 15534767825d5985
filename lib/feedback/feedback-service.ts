import "server-only";
import type { Db } from "@/db/client";
import { addMinuteScore, addToDailyStats, addToUserStats } from "@/db/queries/experiments";
import { forgetServedLists } from "@/lib/recs/model-store-service";
import { flushComputedLists } from "@/lib/recs/recommendation-service";
import { forgetCachedLists, lockSessionFeedback, saveSessionFeedback, upsertFeedbackEvents, type NewFeedbackEvent, type SessionFeedbackRow } from "@/db/queries/feedback";
import { insertSessions } from "@/db/queries/recs";
import { requireSelf, requireViewerOrScope, type Actor } from "@/lib/auth/actor";
import { AppError, type FieldErrors } from "@/lib/errors/app-error";
import { aggregateDelta, isEmptyAggregate, sessionContribution, statsShardOf, type SessionFeedback } from "@/lib/experiments/aggregates";
import { newSessionId } from "@/lib/recs/session-id";
import { findLoggedSession } from "@/lib/recs/session-log";
import type { FeedbackReceipt, NormalizedFeedback } from "./contract";
import { positionScore } from "./position-score";

/** Before the body: viewers, services with `feedback:write`, admins. */
export function requireFeedbackWriter(actor: Actor | null): Actor {
  return requireViewerOrScope(actor, ["feedback:write"]);
}

/** Once the user is known: the viewer themself, services with `feedback:write`, or admins. */
export function authorizeFeedback(actor: Actor | null, userId: string): Actor {
  return requireSelf(requireFeedbackWriter(actor), userId, { code: "forbidden:feedback", message: "You can only send feedback on your own lists" });
}

type Reaction = "like" | "dislike" | "not_interested";

interface LoggedSession {
  sessionId: string;
  createdAt: Date;
  userId: string;
  movieIds: string[];
  experimentId: string | null;
  variant: string | null;
  actionCycle: number | null;
}

/** The logged session the feedback is about: found by its id (404 if unknown), or, for seed 000's form, logged now. */
async function sessionFor(db: Db, feedback: NormalizedFeedback, now: Date): Promise<LoggedSession> {
  if (feedback.sessionId === null) {
    const session = { sessionId: newSessionId(now), createdAt: now, userId: feedback.userId, algorithm: "external", modelVersionId: null, context: feedback.context ?? "seed-000", movieIds: feedback.shownList ?? [], cached: false, userType: feedback.userType, actionCycle: feedback.actionCycle };
    await insertSessions(db, [session]);
    return { ...session, experimentId: null, variant: null };
  }
  const row = await findLoggedSession(db, feedback.sessionId);
  if (!row) throw new AppError("not_found:session", `No recommendation session '${feedback.sessionId}'`, { fields: { sessionId: "Not found" } });
  return { sessionId: row.sessionId, createdAt: row.createdAt, userId: row.userId, movieIds: row.movieIds, experimentId: row.experimentId, variant: row.variant, actionCycle: row.actionCycle };
}

/** Every movie the feedback names must be one the session showed: a 422 naming each that was not. */
function checkAgainstShown(feedback: NormalizedFeedback, session: LoggedSession, fieldOf: (field: string) => string) {
  if (feedback.sessionId === null) return;
  const fields: FieldErrors = {};
  if (session.userId !== feedback.userId) fields[fieldOf("userId")] = `The session was shown to another user`;
  const shown = new Set(session.movieIds);
  if (feedback.selectedMovieId !== null && !shown.has(feedback.selectedMovieId)) fields[fieldOf("selectedMovieId")] = "Not in the list the session showed";
  feedback.impressions?.forEach((id, i) => {
    if (!shown.has(id)) fields[`${fieldOf("impressions")}.${i}`] = "Not in the list the session showed";
  });
  feedback.reactions.forEach((r, i) => {
    if (!shown.has(r.movieId)) fields[`${fieldOf(r.kind === "not_interested" ? "notInterested" : "liked")}.${i}`] = "Not in the list the session showed";
  });
  if (Object.keys(fields).length) throw new AppError("unprocessable:feedback", `The feedback names movies session '${session.sessionId}' did not show`, { fields });
}

function stateOf(row: SessionFeedbackRow): SessionFeedback {
  return {
    shownMovieIds: row.shownMovieIds,
    selectedMovieId: row.selectedMovieId,
    reactions: Object.entries(row.reactions)
      .filter(([, kind]) => kind !== "not_interested")
      .map(([movieId, kind]) => ({ movieId, liked: kind === "like" })),
  };
}

/**
 * Records feedback on a logged list: the movie opened (with the seed's position score), reactions
 * and watch time. In one transaction it logs each piece once, moves the session's state, and, for
 * a session of an experiment, adds the change of its contribution to the variant's totals. A
 * repeat changes nothing. A dislike or "not interested" takes the movie off the user's lists now.
 * A clear (`liked: null`) takes the movie's reaction back: it leaves the session's state (and so
 * its experiment's totals), and, as the user's latest reaction to the movie, it makes the movie
 * neither a negative in training nor a dismissed one; their lists are recomputed so it may return.
 */
export async function recordFeedback(db: Db, feedback: NormalizedFeedback, options: { now: Date; fieldOf?: (field: string) => string }): Promise<FeedbackReceipt> {
  const { now } = options;
  const fieldOf = options.fieldOf ?? ((field: string) => field);
  const session = await sessionFor(db, feedback, now);
  checkAgainstShown(feedback, session, fieldOf);

  const { ids, score } = await db.transaction(async (tx) => {
    const row = await lockSessionFeedback(
      tx,
      { sessionId: session.sessionId, sessionCreatedAt: session.createdAt, userId: session.userId, experimentId: session.experimentId, variant: session.variant, actionCycle: session.actionCycle, shownMovieIds: session.movieIds },
      now,
    );
    const before = sessionContribution(stateOf(row));
    const selected = feedback.selectedMovieId ?? row.selectedMovieId;
    const score = selected === null ? 0 : positionScore(session.movieIds, selected);
    const reactions: Record<string, Reaction> = { ...row.reactions };
    for (const r of feedback.reactions) {
      if (r.kind === "clear_reaction") delete reactions[r.movieId];
      else reactions[r.movieId] = r.kind;
    }
    const next = { ...row, selectedMovieId: selected, score: selected === null ? null : score, reactions, watchTimeSec: feedback.watchTimeSec ?? row.watchTimeSec, updatedAt: now };
    const after = sessionContribution(stateOf(next));

    const base = { sessionId: session.sessionId, userId: session.userId, listLength: session.movieIds.length, watchTimeSec: null, context: feedback.context, createdAt: now };
    const position = (movieId: string) => {
      const index = session.movieIds.indexOf(movieId);
      return index === -1 ? null : index;
    };
    const events: NewFeedbackEvent[] = [];
    if (feedback.selectedMovieId !== null) events.push({ ...base, kind: "select", movieId: feedback.selectedMovieId, position: position(feedback.selectedMovieId), score, watchTimeSec: feedback.watchTimeSec });
    for (const r of feedback.reactions) events.push({ ...base, kind: r.kind, movieId: r.movieId, position: position(r.movieId), score: null });
    // Feedback that only says what was seen (seed 001's impressionList without a click) is logged once too.
    if (!events.length) events.push({ ...base, kind: "impressions", movieId: "*", position: null, score: null, listLength: feedback.impressions?.length ?? session.movieIds.length });
    const ids = await upsertFeedbackEvents(tx, events);

    await saveSessionFeedback(tx, session.sessionId, { selectedMovieId: next.selectedMovieId, score: next.score, reactions, watchTimeSec: next.watchTimeSec, updatedAt: now });
    if (session.experimentId && session.variant) {
      const delta = aggregateDelta(before, after);
      const key = { experimentId: session.experimentId, variant: session.variant };
      const shard = statsShardOf(session.userId);
      if (!isEmptyAggregate(delta)) {
        // The user's row before the variant's day row, in the order logging a session takes them
        // (db/queries/experiments.ts), so a session logged during this feedback cannot deadlock with it.
        await addToUserStats(tx, { ...key, userId: session.userId }, delta);
        await addToDailyStats(tx, { ...key, day: session.createdAt.toISOString().slice(0, 10), shard }, delta);
      }
      if (delta.positionScore.n !== 0 || delta.positionScore.sum !== 0) {
        await addMinuteScore(tx, { ...key, minute: new Date(Math.floor(now.getTime() / 60_000) * 60_000), actionCycle: session.actionCycle, shard, n: delta.positionScore.n, sum: delta.positionScore.sum });
      }
    }
    return { ids, score: selected === null ? 0 : score };
  });

  // A like changes no list; a dislike, "not interested" or a clear (which may bring a movie back) does.
  if (feedback.reactions.some((r) => r.kind !== "like")) {
    // A list of theirs this instance computed and has not stored yet lands first, then goes.
    await flushComputedLists(db);
    await forgetCachedLists(db, session.userId);
    // Other instances hear it from the database; this one forgets now, before it answers.
    forgetServedLists([session.userId]);
  }
  return { feedbackId: ids[0]!, sessionId: session.sessionId, status: "recorded", processedAt: now.toISOString(), score };
}
