"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { EmptyState } from "@/components/ui/states";
import { fetchGenresTop, fetchTrending, viewerKeys } from "./recs-api";
import { CardSkeletons, CompactMovieCard, compactGrid, PopularMovieGrid, Shelf, ShelfError } from "./movie-shelf";

const SHELF = 6;

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

/** The most popular movies in the viewer's favorite genres (or the ones they watch most). */
export function PopularInYourGenres({ userId }: { userId: string }) {
  const top = useQuery({ queryKey: viewerKeys.genresTop(userId, SHELF), queryFn: ({ signal }) => fetchGenresTop(userId, SHELF, signal), staleTime: 60_000 });
  const genres = top.data?.genres ?? [];
  return (
    <Shelf
      id="genre-popular"
      title="Popular in your genres"
      subtitle={genres.length ? genres.join(", ") : undefined}
      busy={top.isPending}
      action={<Link href="/onboarding" className="text-sm text-brand-700 hover:underline">{genres.length ? "Change your genres" : "Pick your genres"}</Link>}
    >
      {top.isPending ? (
        <CardSkeletons count={SHELF} />
      ) : top.isError ? (
        <ShelfError title="Could not load popular movies in your genres" query={top} />
      ) : top.data.items.length === 0 ? (
        <EmptyState title={genres.length ? "Nothing new in your genres" : "No favorite genres yet"}>
          {genres.length ? "You have seen the most popular ones already." : <Link href="/onboarding" className="text-brand-700 hover:underline">Pick up to three genres you like</Link>}
        </EmptyState>
      ) : (
        <PopularMovieGrid items={top.data.items} />
      )}
    </Shelf>
  );
}
