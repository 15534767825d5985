/**
 * The genres a user's list leans on: the ones they picked, or else the (at most three) genres
 * their interactions weigh most in (the seed's genres_top), ties by name.
 */
export function genresForUser(picked: readonly string[] | null | undefined, history: readonly { movieId: string; weight: number }[], genresOf: (movieId: string) => readonly string[] | undefined, count = 3): string[] {
  if (picked && picked.length) return [...picked];
  const totals = new Map<string, number>();
  for (const entry of history) {
    if (!(entry.weight > 0)) continue;
    for (const genre of genresOf(entry.movieId) ?? []) totals.set(genre, (totals.get(genre) ?? 0) + entry.weight);
  }
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, count)
    .map(([genre]) => genre);
}
