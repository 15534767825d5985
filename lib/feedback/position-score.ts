/**
 * The MovieFlix feedback score (seed 000): a pick near the top of the recommended list scores
 * high, one near the bottom low. With n movies shown and the pick at 0-based index i, the score
 * is (n − i) / n × 10, so the first of ten scores 10 and the last 1; a pick that was not shown
 * scores 0. The seed stored it in an integer column, truncating 9.5 to 9; we keep the fraction so
 * that means and their intervals are not biased downwards.
 */
export const MAX_POSITION_SCORE = 10;

/**
 * Score of one selection against the list shown. A movie listed twice counts at its first
 * position (where the viewer met it first); an empty list or no selection scores 0.
 */
export function positionScore(shownMovieIds: readonly string[], selectedMovieId: string | null | undefined): number {
  if (selectedMovieId === null || selectedMovieId === undefined) return 0;
  const index = shownMovieIds.indexOf(selectedMovieId);
  if (index < 0) return 0;
  const shownCount = shownMovieIds.length;
  return ((shownCount - index) / shownCount) * MAX_POSITION_SCORE;
}
