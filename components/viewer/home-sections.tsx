"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { EmptyState } from "@/components/ui/states";
import { fetchGenresTop, fetchTrending, viewerKeys } from "./recs-api";
import { CardSkeletons, CompactMovieCard, compactGrid, PopularMovieGrid, popularityDetail, Shelf, ShelfError } from "./movie-shelf";
import { FeedbackStatus, ReactableCards } from "./reactable-list";
import { useListFeedback } from "./use-list-feedback";

const SHELF = 6;
const GENRES_TOP_ID = "genre-popular";

/** What people are watching now: the trend score's top movies (public). */
export function TrendingNow() {
  const trends = useQuery({ queryKey: viewerKeys.trending(SHELF), queryFn: ({ signal }) => fetchTrending(SHELF, signal), staleTime: 60_000 });
  return (
    <Shelf id="trending" title="Trending now" subtitle="What people watch most this week" busy={trends.isPending} action={<Link href="/trends" className="text-sm text-brand-700 hover:underline">All trends →</Link>}>
      {trends.isPending ? (
        <CardSkeletons count={SHELF} />
      ) : trends.isError ? (
        <ShelfError title="Could not load what is trending" query={trends} />
      ) : trends.data.items.length === 0 ? (
        <EmptyState title="Nothing is trending yet">Trends appear once people start watching.</EmptyState>
      ) : (
        <ul className={compactGrid}>
          {trends.data.items.map((m) => (
            <li key={m.movieId}>
              <CompactMovieCard movieId={m.movieId} title={m.title} detail={`${m.viewsInWindow.toLocaleString("en-US")} ${m.viewsInWindow === 1 ? "view" : "views"} this week`} genres={m.genres} />
            </li>
          ))}
        </ul>
      )}
    </Shelf>
  );
}

/**
 * The most popular movies in the viewer's favorite genres (or the ones they watch most). The list
 * is a logged session, kept until the viewer's reactions elsewhere change it, whose cards take
 * likes, dislikes and "not interested" as "For you" does.
 */
export function PopularInYourGenres({ userId }: { userId: string }) {
  const key = viewerKeys.genresTop(userId, SHELF);
  const top = useQuery({ queryKey: key, queryFn: ({ signal }) => fetchGenresTop(userId, SHELF, signal), staleTime: Infinity });
  const feedback = useListFeedback({ userId, queryKey: key, context: "genres-top" });
  const genres = top.data?.genres ?? [];
  return (
    <Shelf
      id={GENRES_TOP_ID}
      title="Popular in your genres"
      subtitle={genres.length ? genres.join(", ") : undefined}
      busy={top.isPending}
      action={<Link href="/onboarding" className="text-sm text-brand-700 hover:underline">{genres.length ? "Change your genres" : "Pick your genres"}</Link>}
    >
      <FeedbackStatus feedback={feedback} shelfId={GENRES_TOP_ID} />
      {top.isPending ? (
        <CardSkeletons count={SHELF} />
      ) : top.isError ? (
        <ShelfError title="Could not load popular movies in your genres" query={top} />
      ) : top.data.items.length === 0 ? (
        <EmptyState title={genres.length ? "Nothing new in your genres" : "No favorite genres yet"}>
          {genres.length ? "You have seen the most popular ones already." : <Link href="/onboarding" className="text-brand-700 hover:underline">Pick up to three genres you like</Link>}
        </EmptyState>
      ) : top.data.sessionId ? (
        <ReactableCards list={top.data} feedback={feedback} shelfId={GENRES_TOP_ID} describe={(m) => ({ detail: popularityDetail(m), note: m.genres.slice(0, 3).join(" · ") })} />
      ) : (
        <PopularMovieGrid items={top.data.items} />
      )}
    </Shelf>
  );
}
