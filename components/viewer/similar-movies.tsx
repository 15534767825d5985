"use client";

import { useQuery } from "@tanstack/react-query";
import { EmptyState } from "@/components/ui/states";
import { fetchSimilar, viewerKeys } from "./recs-api";
import { CardSkeletons, CompactMovieCard, Shelf, ShelfError } from "./movie-shelf";

const SIMILAR = 6;
const grid = "grid grid-cols-2 gap-3 sm:grid-cols-3";

/** Movies like this one, from the served model; loads after the page, which does not wait for it. */
export function SimilarMovies({ movieId }: { movieId: string }) {
  const similar = useQuery({ queryKey: viewerKeys.similar(movieId, SIMILAR), queryFn: ({ signal }) => fetchSimilar(movieId, SIMILAR, signal), staleTime: 5 * 60_000 });
  return (
    <Shelf id="similar" title="Similar movies" busy={similar.isPending}>
      {similar.isPending ? (
        <CardSkeletons count={SIMILAR} grid={grid} />
      ) : similar.isError ? (
        <ShelfError title="Could not load similar movies" query={similar} />
      ) : similar.data.items.length === 0 ? (
        <EmptyState title="No similar movies yet">They appear once a model has been trained.</EmptyState>
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
