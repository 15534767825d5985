import type { ReasonCode } from "./compose-list";

/** A reason in a few words, for the card under a recommendation. Titles come from the catalog. */
export function reasonPhrase(reason: ReasonCode, titleOf: (movieId: string) => string | undefined): string | null {
  switch (reason.kind) {
    case "because": {
      const title = titleOf(reason.movieId);
      if (!title) return null;
      switch (reason.how) {
        case "liked":
          return `because you liked ${title}`;
        case "rated":
          return `because you rated ${title}`;
        case "favorited":
          return `because ${title} is in your favorites`;
        case "watched":
          return `because you watched ${title}`;
      }
      break;
    }
    case "taste":
      return `because you like ${reason.genre}`;
    case "genre":
      return `popular in ${reason.genre}`;
    case "popular":
      return "popular on Marquee";
    case "new":
      return "new release";
  }
  return null;
}

/** The phrases of a list entry, each once, in order; never empty. */
export function reasonPhrases(reasons: readonly ReasonCode[], titleOf: (movieId: string) => string | undefined): string[] {
  const phrases = [...new Set(reasons.map((r) => reasonPhrase(r, titleOf)).filter((p): p is string => p !== null))];
  return phrases.length ? phrases : ["popular on Marquee"];
}

/** The movies a list's reasons name, to look their titles up in one read. */
export function moviesNamedIn(reasons: readonly ReasonCode[]): string[] {
  return reasons.flatMap((r) => (r.kind === "because" ? [r.movieId] : []));
}
