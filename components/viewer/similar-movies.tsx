"use client";

import { useQuery } from "@tanstack/react-query";
import { EmptyState } from "@/components/ui/states";
import { fetchSimilar, viewerKeys } from "./recs-api";
import { CardSkeletons, CompactMovieCard, Shelf, ShelfError } from "./movie-shelf";
import { FeedbackStatus, ReactableCards } from "./reactable-list";
import { useListFeedback } from "./use-list-feedback";

const SIMILAR = 6;
const CONTEXT = "similar";
const SHELF_ID = "similar";
const grid = "grid grid-cols-2 gap-3 sm:grid-cols-3";

/**
 * Movies like this one, from the served model; loads after the page, which does not wait for it.
 * For a signed-in viewer the list is a logged session (kept, as "For you" is) whose cards take
 * likes, dislikes and "not interested"; a visitor gets plain cards.
 */
export function SimilarMovies({ movieId, userId }: { movieId: string; userId: string | null }) {
  const key = viewerKeys.similar(userId, movieId, SIMILAR);
  const similar = useQuery({ queryKey: key, queryFn: ({ signal }) => fetchSimilar(movieId, SIMILAR, userId, signal), staleTime: userId ? Infinity : 5 * 60_000 });
  const feedback = useListFeedback({ userId: userId ?? "", queryKey: key, context: CONTEXT });
  return (
    <Shelf id={SHELF_ID} title="Similar movies" busy={similar.isPending}>
      {userId && <FeedbackStatus feedback={feedback} shelfId={SHELF_ID} />}
      {similar.isPending ? (
        <CardSkeletons count={SIMILAR} grid={grid} />
      ) : similar.isError ? (
        <ShelfError title="Could not load similar movies" query={similar} />
      ) : similar.data.items.length === 0 ? (
        <EmptyState title="No similar movies yet">They appear once a model has been trained.</EmptyState>
      ) : userId && similar.data.sessionId ? (
        <ReactableCards list={similar.data} feedback={feedback} shelfId={SHELF_ID} describe={(m) => ({ detail: m.score > 0 ? `${Math.round(m.score * 100)}% similar` : undefined, note: m.genres.slice(0, 3).join(" · ") })} />
      ) : (
        <ul className={grid}>
          {similar.data.items.map((m) => (
            <li key={m.movieId}>
              <CompactMovieCard movieId={m.movieId} title={m.title} detail={m.score > 0 ? `${Math.round(m.score * 100)}% similar` : undefined} genres={m.genres} />
            </li>
          ))}
        </ul>
      )}
    </Shelf>
  );
}
