import { positionScore } from "@/lib/feedback/position-score";
import type { SufficientStatistics } from "./statistics";

/**
 * Per-variant totals that a table can keep current by addition alone, so an experiment page over
 * a million logged sessions reads one row per variant (and day) instead of scanning the log.
 * Each logged session contributes a small aggregate; when its feedback arrives later, the table
 * adds the difference between the session's contribution after and before. Every field is a
 * count or a sum, so rows also merge by addition (days into a total, shards into one).
 *
 * Fractional sums (P@K with K = 3 adds thirds) pick up rounding of the order of 1e-16 per update;
 * the variance is clamped at zero where that could make it slightly negative.
 */

/** K of Precision@K and Recall@K: seed 003 measured its models at 3. */
export const DEFAULT_CUTOFF_K = 3;

/**
 * Rows a variant's day totals (and minute scores) are split into. Every session and every piece of
 * feedback adds to them inside its transaction, holding the row until it commits; with one row
 * per variant and day they would all queue behind each other's commits. With a few times the
 * writers a busy instance has, two rarely meet.
 */
export const STATS_SHARDS = 16;

/** The shard a user's sessions and feedback add to: FNV-1a over the id's UTF-16 units, so every instance agrees. */
export function statsShardOf(userId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    hash ^= userId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % STATS_SHARDS;
}

export interface VariantAggregate {
  /** Recommendation answers logged for the variant. */
  sessions: number;
  /** Movies shown, summed over sessions. */
  impressions: number;
  /** Sessions whose selected movie was one of those shown (click-through). */
  clicks: number;
  /** Movies liked and disliked, one per movie per session, as the feedback stands now. */
  likes: number;
  dislikes: number;
  /** Seed 000's position score, over sessions with a selection (one not shown scores 0). */
  positionScore: SufficientStatistics;
  /** Per session: positives in the top K / K, over every session. */
  precisionAtK: SufficientStatistics;
  /** Per session: positives in the top K / all positives, over sessions with at least one. */
  recallAtK: SufficientStatistics;
}

export interface MovieReaction {
  movieId: string;
  /** true: liked; false: disliked; null: the viewer took their reaction back. */
  liked: boolean | null;
}

/** One logged recommendation answer and the feedback known for it so far. */
export interface SessionFeedback {
  shownMovieIds: readonly string[];
  selectedMovieId?: string | null;
  /** In arrival order: a later reaction to the same movie replaces an earlier one (null clears it). */
  reactions?: readonly MovieReaction[];
}

const emptyStatistics = (): SufficientStatistics => ({ n: 0, sum: 0, sumSquares: 0 });

export function emptyAggregate(): VariantAggregate {
  return { sessions: 0, impressions: 0, clicks: 0, likes: 0, dislikes: 0, positionScore: emptyStatistics(), precisionAtK: emptyStatistics(), recallAtK: emptyStatistics() };
}

function observation(value: number): SufficientStatistics {
  return { n: 1, sum: value, sumSquares: value * value };
}

/**
 * What one session adds to its variant's aggregate. A positive is a movie the viewer selected or
 * liked, unless they disliked it in the end (opening a movie and then disliking it says the
 * recommendation missed). A cleared reaction counts as none. Movies listed twice count once.
 */
export function sessionContribution(session: SessionFeedback, k = DEFAULT_CUTOFF_K): VariantAggregate {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`K must be a positive whole number, got ${k}`);
  const { shownMovieIds, selectedMovieId = null } = session;
  const latestReaction = new Map<string, boolean>();
  for (const reaction of session.reactions ?? []) {
    if (reaction.liked === null) latestReaction.delete(reaction.movieId);
    else latestReaction.set(reaction.movieId, reaction.liked);
  }

  const positives = new Set<string>();
  if (selectedMovieId !== null) positives.add(selectedMovieId);
  for (const [movieId, liked] of latestReaction) {
    if (liked) positives.add(movieId);
    else positives.delete(movieId);
  }
  const topK = new Set(shownMovieIds.slice(0, k));
  const hits = [...positives].filter((movieId) => topK.has(movieId)).length;
  const reactions = [...latestReaction.values()];

  return {
    sessions: 1,
    impressions: shownMovieIds.length,
    clicks: selectedMovieId !== null && shownMovieIds.includes(selectedMovieId) ? 1 : 0,
    likes: reactions.filter((liked) => liked).length,
    dislikes: reactions.filter((liked) => !liked).length,
    positionScore: selectedMovieId === null ? emptyStatistics() : observation(positionScore(shownMovieIds, selectedMovieId)),
    precisionAtK: observation(hits / k),
    recallAtK: positives.size === 0 ? emptyStatistics() : observation(hits / positives.size),
  };
}

function combineStatistics(a: SufficientStatistics, b: SufficientStatistics, sign: 1 | -1): SufficientStatistics {
  return { n: a.n + sign * b.n, sum: a.sum + sign * b.sum, sumSquares: a.sumSquares + sign * b.sumSquares };
}

function combine(a: VariantAggregate, b: VariantAggregate, sign: 1 | -1): VariantAggregate {
  return {
    sessions: a.sessions + sign * b.sessions,
    impressions: a.impressions + sign * b.impressions,
    clicks: a.clicks + sign * b.clicks,
    likes: a.likes + sign * b.likes,
    dislikes: a.dislikes + sign * b.dislikes,
    positionScore: combineStatistics(a.positionScore, b.positionScore, sign),
    precisionAtK: combineStatistics(a.precisionAtK, b.precisionAtK, sign),
    recallAtK: combineStatistics(a.recallAtK, b.recallAtK, sign),
  };
}

/** Two aggregates as one (two days, two shards, a total and a new session). */
export function mergeAggregates(a: VariantAggregate, b: VariantAggregate): VariantAggregate {
  return combine(a, b, 1);
}

/**
 * What to add to a stored aggregate when a session already counted as `before` now reads as
 * `after` (feedback arrived, or changed its mind): after − before, field by field.
 */
export function aggregateDelta(before: VariantAggregate, after: VariantAggregate): VariantAggregate {
  return combine(after, before, -1);
}

/** True when adding the aggregate would change nothing: lets a caller skip a no-op update. */
export function isEmptyAggregate(aggregate: VariantAggregate): boolean {
  const statistics = [aggregate.positionScore, aggregate.precisionAtK, aggregate.recallAtK];
  return (
    aggregate.sessions === 0 &&
    aggregate.impressions === 0 &&
    aggregate.clicks === 0 &&
    aggregate.likes === 0 &&
    aggregate.dislikes === 0 &&
    statistics.every((s) => s.n === 0 && s.sum === 0 && s.sumSquares === 0)
  );
}
