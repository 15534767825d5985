import type { UserFeaturesView } from "@/lib/features/contract";

/**
 * What the "Your activity" page shows, computed from the features the event worker keeps
 * (GET /api/v1/features/{userId}). Pure: the page and its tests share it.
 */
export type ViewerFeatures = UserFeaturesView;

/** "2 h 05 min", "12 min", "40 s": watch time for people. */
export function formatWatchTime(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

/** Genres by affinity, strongest first, in percent with one decimal. */
export function genreShares(affinity: Record<string, number>, limit = 8): { genre: string; percent: number }[] {
  return Object.entries(affinity)
    .filter(([, share]) => share > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([genre, share]) => ({ genre, percent: Math.round(share * 1000) / 10 }));
}

/** The user's current ratings, newest first. */
export function recentRatings(ratings: Record<string, { rating: number; at: string }>, limit = 10): { movieId: string; rating: number; at: string }[] {
  return Object.entries(ratings)
    .map(([movieId, r]) => ({ movieId, rating: r.rating, at: r.at }))
    .sort((a, b) => b.at.localeCompare(a.at) || a.movieId.localeCompare(b.movieId))
    .slice(0, limit);
}

/** Every movie id the page names, so their titles can be looked up once. */
export function movieIdsShown(f: ViewerFeatures, limit = 10): string[] {
  const ids = [...f.watchHistory.slice(0, limit).map((w) => w.movieId), ...recentRatings(f.ratings, limit).map((r) => r.movieId), ...f.favorites.slice(0, limit), ...f.likedMovies.slice(0, limit)];
  return [...new Set(ids)];
}

/** "just now", "5 min ago", "3 h ago", "2 days ago", relative to `now`. */
export function timeAgo(iso: string | null, now: Date): string {
  if (!iso) return "never";
  const seconds = Math.max(0, (now.getTime() - new Date(iso).getTime()) / 1000);
  if (seconds < 45) return "just now";
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  const days = Math.round(seconds / 86_400);
  return `${days} ${days === 1 ? "day" : "days"} ago`;
}
