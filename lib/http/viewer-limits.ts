/**
 * What one signed-in viewer may send, counted per viewer in a fixed window in the database (so
 * every app instance sees the same count). A person watching, rating and searching stays far
 * below it; a script behind a session cookie inflating views and scores does not. Services with
 * API tokens are not limited here: their throughput is the point of a token. Admins neither.
 */
export const VIEWER_LIMITS = {
  events: { max: 120, windowMs: 60_000, words: "120 events a minute" },
  refresh: { max: 10, windowMs: 60 * 60_000, words: "10 feature refreshes an hour" },
} as const;
export type ViewerLimit = keyof typeof VIEWER_LIMITS;

