/**
 * How strongly an interaction says "this user likes this movie", for the recommendation models.
 * The weights are the recommender seed's (003): a finished watch 1.0, an unfinished one 0.5,
 * a rating r/5 (the seed's r/10 was for a 10-point scale), a favorite 0.3. A user's signal for a
 * movie is the strongest of their interactions with it, so rewatching does not inflate it; a
 * removed favorite no longer counts.
 */
export const FINISHED_WATCH_PERCENT = 90;

/**
 * A watch's metadata as stored. The seed's clients send no `progressPercent`; without it a watch
 * counts as unfinished, unless `watchDuration` covers the whole runtime (then it is stored as
 * 100 %, so every reader of the events agrees it was finished). Seconds short of the runtime
 * cannot tell skipped credits from stopping early, so they stay unfinished.
 */
export function watchMetadataWithProgress<M extends { watchDuration: number; progressPercent?: number }>(metadata: M, runtimeMinutes: number | null): M {
  if (metadata.progressPercent !== undefined || !runtimeMinutes || metadata.watchDuration < runtimeMinutes * 60) return metadata;
  return { ...metadata, progressPercent: 100 };
}

export type Interaction =
  | { type: "watch"; progressPercent: number }
  | { type: "rating"; rating: number }
  | { type: "favorite"; action: "add" | "remove" };

export function interactionWeight(interaction: Interaction): number {
  switch (interaction.type) {
    case "watch":
      return interaction.progressPercent >= FINISHED_WATCH_PERCENT ? 1.0 : 0.5;
    case "rating":
      return interaction.rating / 5;
    case "favorite":
      return interaction.action === "add" ? 0.3 : 0;
  }
}

/** The implicit-feedback signal per movie from one user's interactions, in time order. */
export function implicitSignal(interactions: ({ movieId: string } & Interaction)[]): Map<string, number> {
  const byMovie = new Map<string, { best: number; favorite: boolean; others: number }>();
  for (const i of interactions) {
    const entry = byMovie.get(i.movieId) ?? { best: 0, favorite: false, others: 0 };
    if (i.type === "favorite") entry.favorite = i.action === "add";
    else entry.others = Math.max(entry.others, interactionWeight(i));
    entry.best = Math.max(entry.others, entry.favorite ? 0.3 : 0);
    byMovie.set(i.movieId, entry);
  }
  const signal = new Map<string, number>();
  for (const [movieId, e] of byMovie) if (e.best > 0) signal.set(movieId, e.best);
  return signal;
}
