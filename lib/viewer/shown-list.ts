/**
 * A recommendation list as the viewer sees it while they react to it: a movie they turn down
 * leaves at once, and comes back to its own place if the server did not take the feedback, even
 * when other movies left or came back meanwhile.
 */

export function withoutMovie<T extends { movieId: string }>(items: T[], movieId: string): T[] {
  return items.filter((item) => item.movieId !== movieId);
}

/** Puts `item` back where it stands in `order` (the list as served), among the items still shown. */
export function restoreMovie<T extends { movieId: string }>(items: T[], item: T, order: string[]): T[] {
  if (items.some((i) => i.movieId === item.movieId)) return items;
  const rank = (id: string) => {
    const index = order.indexOf(id);
    return index === -1 ? order.length : index;
  };
  const at = items.findIndex((i) => rank(i.movieId) > rank(item.movieId));
  return at === -1 ? [...items, item] : [...items.slice(0, at), item, ...items.slice(at)];
}

export function withLike(liked: string[], movieId: string, on: boolean): string[] {
  return on ? (liked.includes(movieId) ? liked : [...liked, movieId]) : liked.filter((id) => id !== movieId);
}
