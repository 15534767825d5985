import Link from "next/link";
import { Suspense } from "react";
import { z } from "zod";
import { getDb } from "@/db";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/states";
import { ForYou } from "@/components/viewer/for-you";
import { PopularInYourGenres, TrendingNow } from "@/components/viewer/home-sections";
import { CardSkeletons, Shelf } from "@/components/viewer/movie-shelf";
import { MovieSearchForm } from "@/components/viewer/movie-search-form";
import { PopularOverall } from "@/components/viewer/popular-overall";
import { SearchEventReporter } from "@/components/viewer/search-event-reporter";
import { SignInPrompt } from "@/components/viewer/sign-in-prompt";
import { getCurrentUser } from "@/lib/auth/current-user";
import { browseMovies, catalogGenres } from "@/lib/catalog/browse-service";

export const dynamic = "force-dynamic";

const PAGE_SIZE = 24;
const SHELF = 6;
const searchSchema = z.object({
  q: z.string().max(200).optional().catch(undefined),
  genre: z.string().max(40).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

/**
 * Home: for a signed-in viewer their recommendations, what is trending and what is popular in
 * their genres; for a visitor trending and popular overall with a sign-in prompt; then the whole
 * catalog. A search (or a later page of the catalog) shows the catalog alone.
 */
export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const { q, genre, page } = searchSchema.parse(await searchParams);
  const db = await getDb();
  const [{ items, total }, genres, user] = await Promise.all([
    browseMovies(db, { q: q || undefined, genre: genre || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    catalogGenres(db),
    getCurrentUser(),
  ]);
  const browsing = Boolean(q || genre || page > 1);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const link = (p: number) => `/?${new URLSearchParams({ ...(q ? { q } : {}), ...(genre ? { genre } : {}), page: String(p) })}`;

  const catalog =
    items.length === 0 ? (
      <EmptyState title={q || genre ? "No movies match" : "No movies yet"}>
        {q || genre ? <Link href="/" className="text-brand-700 hover:underline">Clear the search</Link> : "An admin can add movies or import MovieLens."}
      </EmptyState>
    ) : (
      <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {items.map((movie) => (
          <li key={movie.id}>
            <Link href={`/movies/${encodeURIComponent(movie.id)}`} className="block h-full rounded-lg border border-stone-200 bg-white p-4 shadow-sm transition hover:border-brand-500 hover:shadow">
              <p className="font-medium text-stone-900">{movie.title}</p>
              <p className="mt-1 text-sm text-stone-600">{[movie.year, movie.runtimeMinutes ? `${movie.runtimeMinutes} min` : null].filter(Boolean).join(" · ")}</p>
              <p className="mt-2 flex flex-wrap gap-1">
                {movie.genres.slice(0, 4).map((g) => (
                  <span key={g} className="rounded bg-stone-100 px-1.5 py-0.5 text-xs text-stone-700">{g}</span>
                ))}
              </p>
            </Link>
          </li>
        ))}
      </ul>
    );

  return (
    <div>
      <div className="mb-4 flex items-baseline justify-between gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">{browsing ? "Movies" : "What to watch"}</h1>
        {user && (
          <Link href="/me" className="text-sm text-brand-700 hover:underline">
            Your activity
          </Link>
        )}
      </div>
      <MovieSearchForm q={q} genre={genre} genres={genres} signedIn={Boolean(user)} />
      {user && q && <SearchEventReporter userId={user.id} query={q} genre={genre} resultsCount={total} />}

      {!browsing &&
        (user ? (
          <>
            <ForYou userId={user.id} />
            <TrendingNow />
            <PopularInYourGenres userId={user.id} />
          </>
        ) : (
          <>
            <SignInPrompt next="/" what="get recommendations made for you" />
            <div className="mt-8">
              <TrendingNow />
            </div>
            <Shelf id="popular" title="Popular on Marquee" subtitle="The most watched and rated movies">
              <Suspense fallback={<CardSkeletons count={SHELF} />}>
                <PopularOverall limit={SHELF} />
              </Suspense>
            </Shelf>
          </>
        ))}

      {browsing ? (
        catalog
      ) : (
        <Shelf id="all-movies" title="All movies" subtitle={`${total.toLocaleString("en-US")} movies, newest first`}>
          {catalog}
        </Shelf>
      )}

      {pages > 1 && (
        <nav aria-label="Pagination" className="mt-6 flex items-center justify-between text-sm text-stone-600">
          <span>Page {page} of {pages} · {total.toLocaleString("en-US")} movies</span>
          <span className="flex gap-2">
            {page > 1 && <Link className={buttonClass("secondary", "sm")} href={link(page - 1)}>Previous</Link>}
            {page < pages && <Link className={buttonClass("secondary", "sm")} href={link(page + 1)}>Next</Link>}
          </span>
        </nav>
      )}
    </div>
  );
}
