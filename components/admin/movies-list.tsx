"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { ButtonLink } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Spinner } from "@/components/ui/states";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { apiFetch, queryString } from "@/lib/client/api-client";
import type { GenreList, Movie } from "@/lib/catalog/contract";
import type { ListPage } from "@/lib/http/pagination";
import { useFlash } from "./flash";
import { useListParams } from "./list-params";
import { ListEmptyState } from "./list-empty-state";
import { QueryStates } from "./query-states";
import { ResultCount } from "./result-count";
import { SearchBox } from "./search-box";
import { SuccessNotice } from "./success-notice";

const PAGE_SIZE = 25;

const sorts = [
  { value: "title", label: "Title A–Z" },
  { value: "-year", label: "Newest year first" },
  { value: "-release", label: "Latest release first" },
  { value: "-created", label: "Recently added" },
] as const;

export const movieKeys = {
  all: ["admin", "movies"] as const,
  list: (params: Record<string, string | number>) => ["admin", "movies", "list", params] as const,
  one: (id: string) => ["admin", "movies", "one", id] as const,
  genres: ["genres"] as const,
};

export function useGenres() {
  return useQuery({
    queryKey: movieKeys.genres,
    queryFn: ({ signal }) => apiFetch<GenreList>("/api/v1/genres", { signal }),
    staleTime: 60_000,
  });
}

/** The catalog as a table: search, genre and sort in the URL, 25 a page. */
export function MoviesList() {
  const router = useRouter();
  const params = useListParams();
  const q = params.get("q");
  const genre = params.get("genre");
  const sort = sorts.some((s) => s.value === params.get("sort")) ? params.get("sort") : "title";
  const offset = params.offset;
  const [flash, setFlash] = useFlash();

  const genres = useGenres();
  const movies = useQuery({
    queryKey: movieKeys.list({ q, genre, sort, offset }),
    queryFn: ({ signal }) => apiFetch<ListPage<Movie>>(`/api/v1/movies${queryString({ q, genre, sort, limit: PAGE_SIZE, offset })}`, { signal }),
    placeholderData: keepPreviousData,
  });

  const filtered = Boolean(q || genre);
  return (
    <div>
      <PageHeader title="Movies" description="The catalog viewers browse and showtimes are made from." actions={<ButtonLink href="/admin/movies/new">New movie</ButtonLink>} />
      {flash && <SuccessNotice message={flash} onDismiss={() => setFlash(null)} />}
      <div className="mb-4 flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-center">
        <SearchBox id="movie-search" label="Search movies by title or id" placeholder="Search title or id…" value={q} onSearch={(text) => params.update({ q: text }, "replace")} />
        <div className="grid grid-cols-2 gap-2 sm:flex">
          <label htmlFor="movie-genre" className="sr-only">
            Genre
          </label>
          <Select id="movie-genre" value={genre} onChange={(e) => params.update({ genre: e.target.value })} className="min-w-0 sm:w-48">
            <option value="">All genres</option>
            {genre && !genres.data?.items.some((g) => g.genre === genre) && <option value={genre}>{genre}</option>}
            {genres.data?.items.map((g) => (
              <option key={g.genre} value={g.genre}>
                {g.genre} ({g.movies.toLocaleString()})
              </option>
            ))}
          </Select>
          <label htmlFor="movie-sort" className="sr-only">
            Sort by
          </label>
          <Select id="movie-sort" value={sort} onChange={(e) => params.update({ sort: e.target.value === "title" ? null : e.target.value })} className="min-w-0 sm:w-52">
            {sorts.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </Select>
        </div>
        {movies.isFetching && !movies.isPending && <Spinner label="Updating" />}
        {movies.data && <ResultCount total={movies.data.total} noun="movie" />}
      </div>

      <QueryStates
        query={movies}
        what="movies"
        isEmpty={(data) => data.items.length === 0}
        empty={
          <ListEmptyState noun="movies" filtered={filtered} offset={offset} onClearFilters={() => params.update({ q: null, genre: null })} onFirstPage={() => params.update({ offset: 0 })}>
              <p>
                Add one with <Link href="/admin/movies/new" className="font-medium text-brand-700 hover:underline">New movie</Link>, or import MovieLens from the command line.
              </p>
          </ListEmptyState>
        }
      >
        {(data) => (
          <>
            <Table caption="Movies" busy={movies.isPlaceholderData}>
              <THead>
                <Th>Title</Th>
                <Th>Year</Th>
                <Th>Runtime</Th>
                <Th>Genres</Th>
                <Th>TMDB</Th>
                <Th>IMDb</Th>
              </THead>
              <TBody>
                {data.items.map((movie) => {
                  const href = `/admin/movies/${encodeURIComponent(movie.id)}`;
                  return (
                    <Tr
                      key={movie.id}
                      className="cursor-pointer"
                      onClick={(event) => {
                        // The title link handles keyboard users; a click anywhere else on the row does the same.
                        if (!(event.target as HTMLElement).closest("a, button")) router.push(href);
                      }}
                    >
                      <Td className="min-w-48">
                        <Link href={href} className="font-medium text-stone-900 hover:text-brand-700 hover:underline">
                          {movie.title}
                        </Link>
                        <span className="block text-xs text-stone-500">id {movie.id}</span>
                      </Td>
                      <Td className="tabular-nums">{movie.year ?? <Missing />}</Td>
                      <Td className="whitespace-nowrap tabular-nums">{movie.runtimeMinutes ? `${movie.runtimeMinutes} min` : <Missing />}</Td>
                      <Td className="min-w-40">
                        {movie.genres.length ? (
                          <span className="flex flex-wrap gap-1">
                            {movie.genres.map((g) => (
                              <span key={g} className="rounded bg-stone-100 px-1.5 py-0.5 text-xs text-stone-700">
                                {g}
                              </span>
                            ))}
                          </span>
                        ) : (
                          <Missing />
                        )}
                      </Td>
                      <Td className="tabular-nums">
                        {movie.tmdbId ? (
                          <a href={`https://www.themoviedb.org/movie/${movie.tmdbId}`} target="_blank" rel="noreferrer" className="text-brand-700 hover:underline">
                            {movie.tmdbId}
                            <span className="sr-only"> on TMDB (opens in a new tab)</span>
                          </a>
                        ) : (
                          <Missing />
                        )}
                      </Td>
                      <Td className="tabular-nums">
                        {movie.imdbId ? (
                          <a href={`https://www.imdb.com/title/${imdbTitle(movie.imdbId)}/`} target="_blank" rel="noreferrer" className="text-brand-700 hover:underline">
                            {imdbTitle(movie.imdbId)}
                            <span className="sr-only"> on IMDb (opens in a new tab)</span>
                          </a>
                        ) : (
                          <Missing />
                        )}
                      </Td>
                    </Tr>
                  );
                })}
              </TBody>
            </Table>
            <Pagination total={data.total} limit={PAGE_SIZE} offset={offset} onChange={(next) => params.update({ offset: next })} />
          </>
        )}
      </QueryStates>
    </div>
  );
}

/** MovieLens stores IMDb ids without the "tt" and sometimes without the leading zeros. */
function imdbTitle(id: string): string {
  return id.startsWith("tt") ? id : `tt${id.padStart(7, "0")}`;
}

function Missing() {
  return (
    <span className="text-stone-500">
      <span aria-hidden>—</span>
      <span className="sr-only">none</span>
    </span>
  );
}
