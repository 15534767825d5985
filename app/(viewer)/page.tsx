import Link from "next/link";
import { z } from "zod";
import { getDb } from "@/db";
import { listGenres, listMovies } from "@/db/queries/movies";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/states";
import { MovieSearchForm } from "@/components/viewer/movie-search-form";
import { SearchEventReporter } from "@/components/viewer/search-event-reporter";
import { getCurrentUser } from "@/lib/auth/current-user";

export const dynamic = "force-dynamic";

const PAGE_SIZE = 24;
const searchSchema = z.object({
  q: z.string().max(200).optional().catch(undefined),
  genre: z.string().max(40).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

export default async function MoviesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[]>> }) {
  const { q, genre, page } = searchSchema.parse(await searchParams);
  const db = await getDb();
  const [{ items, total }, genres, user] = await Promise.all([
    listMovies(db, { q: q || undefined, genre: genre || undefined, sort: "-release", limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    listGenres(db),
    getCurrentUser(),
  ]);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const link = (p: number) => `/?${new URLSearchParams({ ...(q ? { q } : {}), ...(genre ? { genre } : {}), page: String(p) })}`;

  return (
    <div>
      <div className="mb-4 flex items-baseline justify-between gap-4">
        <h1 className="text-2xl font-semibold tracking-tight">Movies</h1>
        {user && (
          <Link href="/me" className="text-sm text-brand-700 hover:underline">
            Your activity
          </Link>
        )}
      </div>
      <MovieSearchForm q={q} genre={genre} genres={genres} signedIn={Boolean(user)} />
      {user && q && <SearchEventReporter userId={user.id} query={q} genre={genre} resultsCount={total} />}

      {items.length === 0 ? (
        <EmptyState title={q || genre ? "No movies match" : "No movies yet"}>
          {q || genre ? <Link href="/" className="text-brand-700 hover:underline">Clear the search</Link> : "An admin can add movies or import MovieLens."}
        </EmptyState>
      ) : (
        <ul className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {items.map((movie) => (
            <li key={movie.id}>
              <Link href={`/movies/${encodeURIComponent(movie.id)}`} className="block h-full rounded-lg border border-stone-200 bg-white p-4 shadow-sm transition hover:border-brand-500 hover:shadow">
                <p className="font-medium text-stone-900">{movie.title}</p>
                <p className="mt-1 text-sm text-stone-600">
                  {[movie.year, movie.runtimeMinutes ? `${movie.runtimeMinutes} min` : null].filter(Boolean).join(" · ")}
                </p>
                <p className="mt-2 flex flex-wrap gap-1">
                  {movie.genres.slice(0, 4).map((g) => (
                    <span key={g} className="rounded bg-stone-100 px-1.5 py-0.5 text-xs text-stone-700">{g}</span>
                  ))}
                </p>
              </Link>
            </li>
          ))}
        </ul>
      )}

      {pages > 1 && (
        <nav aria-label="Pagination" className="mt-6 flex items-center justify-between text-sm text-stone-600">
          <span>Page {page} of {pages} · {total.toLocaleString()} movies</span>
          <span className="flex gap-2">
            {page > 1 && <Link className={buttonClass("secondary", "sm")} href={link(page - 1)}>Previous</Link>}
            {page < pages && <Link className={buttonClass("secondary", "sm")} href={link(page + 1)}>Next</Link>}
          </span>
        </nav>
      )}
    </div>
  );
}
