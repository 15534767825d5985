/**
 * The list a user is shown, filled from ranked sources in order of preference (the personal model,
 * then popularity in their genres, then overall popularity), so it is full whenever the sources
 * hold k items between them. Items the user has already seen (watched, rated, favorited, disliked)
 * and items already placed are skipped. Optionally one slot goes to a recent release, as the
 * recommender seed does, so new movies get shown before any model has data on them.
 * Each placed item keeps the source it came from and its reason, for logging and for the page.
 */
export interface RankedSource<T> {
  /** A name for logs and for the response ("als", "genre-popularity", "popularity"). */
  source: string;
  /** Best first. */
  items: readonly T[];
  /** A short human phrase, or one per item ("popular in Drama"); null for none. */
  reason?: string | ((item: T) => string | null) | null;
}

export interface PlacedItem<T> {
  item: T;
  source: string;
  reason: string | null;
}

export interface FillOptions<T> {
  k: number;
  sources: readonly RankedSource<T>[];
  /** What the user has already seen or refused. */
  exclude?: ReadonlySet<T>;
  /**
   * One slot for the first candidate that is not excluded, at `position` (0-based; default the
   * last slot). Without an eligible candidate the slot goes to the sources like any other.
   */
  recentRelease?: { candidates: readonly T[]; position?: number; source?: string; reason?: string | null };
}

export function fillRecommendations<T>(options: FillOptions<T>): PlacedItem<T>[] {
  const k = Math.max(0, Math.floor(options.k));
  const exclude = options.exclude ?? new Set<T>();
  const placed = new Set<T>();

  let recent: PlacedItem<T> | null = null;
  const release = options.recentRelease;
  if (release && k > 0) {
    const candidate = release.candidates.find((item) => !exclude.has(item));
    if (candidate !== undefined) {
      recent = { item: candidate, source: release.source ?? "recent-release", reason: release.reason ?? null };
      placed.add(candidate);
    }
  }

  const slots = recent ? k - 1 : k;
  const list: PlacedItem<T>[] = [];
  for (const source of options.sources) {
    for (const item of source.items) {
      if (list.length >= slots) break;
      if (exclude.has(item) || placed.has(item)) continue;
      placed.add(item);
      const reason = typeof source.reason === "function" ? source.reason(item) : source.reason ?? null;
      list.push({ item, source: source.source, reason });
    }
    if (list.length >= slots) break;
  }

  if (recent) {
    const at = Math.min(release!.position ?? k - 1, list.length);
    list.splice(Math.max(0, at), 0, recent);
  }
  return list;
}
