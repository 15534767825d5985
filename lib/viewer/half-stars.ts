/**
 * Ratings in half stars, 0.5 to 5, as the rating event takes them (lib/events/contract.ts).
 * Pure helpers for the star rating control.
 */
export const MIN_RATING = 0.5;
export const MAX_RATING = 5;
export const STARS = 5;

/** Every rating a person can give, lowest first: 0.5, 1, 1.5 … 5. */
export const HALF_STAR_VALUES: readonly number[] = Array.from({ length: STARS * 2 }, (_, i) => (i + 1) / 2);

/** The nearest half star within 0.5–5 (halves round up: 3.25 → 3.5); null for anything not a number. */
export function roundToHalfStar(value: number | null | undefined): number | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  const rounded = Math.round(value * 2) / 2;
  return Math.min(MAX_RATING, Math.max(MIN_RATING, rounded));
}

export type StarFill = "full" | "half" | "empty";

/** How star number `star` (1–5) looks for a rating: 3.5 fills stars 1–3, half of 4, none of 5. */
export function starFill(rating: number | null, star: number): StarFill {
  if (rating === null) return "empty";
  if (rating >= star) return "full";
  if (rating >= star - 0.5) return "half";
  return "empty";
}

/** "4.5 stars", "1 star", "½ star": what a screen reader says for a value. */
export function ratingLabel(rating: number): string {
  if (rating === 0.5) return "½ star";
  return `${rating} ${rating === 1 ? "star" : "stars"}`;
}
