"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { Pagination } from "@/components/ui/pagination";
import { EmptyState, ErrorState, SkeletonRows, Spinner } from "@/components/ui/states";
import type { WizardMovie } from "@/lib/showtimes/contract";
import { fetchMovies, showtimeKeys } from "./api";

const PAGE_SIZE = 20;
const dateOnly = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const shortDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short" });

/** Step 1: a searchable list of movies, newest release first, each with its upcoming showtimes summed up. */
export function MovieStep({ selected, onSelect }: { selected: WizardMovie | null; onSelect(movie: WizardMovie): void }) {
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  const [offset, setOffset] = useState(0);

  useEffect(() => {
    const timer = setTimeout(() => {
      setQ(text.trim());
      setOffset(0);
    }, 250);
    return () => clearTimeout(timer);
  }, [text]);

  const movies = useQuery({
    queryKey: showtimeKeys.movies(q, offset),
    queryFn: ({ signal }) => fetchMovies(q, offset, PAGE_SIZE, signal),
    placeholderData: keepPreviousData,
  });

  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
        <div className="w-full sm:max-w-sm">
          <label htmlFor="wizard-movie-search" className="block text-sm font-medium text-stone-800">
            Search movies
          </label>
          <Input
            id="wizard-movie-search"
            type="search"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                setQ(text.trim());
                setOffset(0);
              }
            }}
            placeholder="Title…"
            autoComplete="off"
            className="mt-1"
          />
        </div>
        <div className="h-6">{movies.isFetching && !movies.isPending && <Spinner label="Searching" />}</div>
      </div>

      {selected && (
        <p className="text-sm text-stone-700">
          Selected: <strong className="font-semibold">{selected.title}</strong>
          {selected.runtimeMinutes ? ` · ${selected.runtimeMinutes} min` : " · runtime unknown"}
        </p>
      )}

      {movies.isPending ? (
        <div>
          <span className="sr-only" role="status">
            Loading movies…
          </span>
          <SkeletonRows rows={6} />
        </div>
      ) : movies.isError && !movies.data ? (
        <ErrorState
          title="Could not load movies"
          message={movies.error.message}
          action={
            <Button variant="secondary" size="sm" onClick={() => void movies.refetch()}>
              Try again
            </Button>
          }
        />
      ) : movies.data.items.length === 0 ? (
        <EmptyState title={q ? `No movies match “${q}”` : "No movies in the catalog"}>
          {q ? (
            <Button variant="secondary" size="sm" onClick={() => setText("")}>
              Clear the search
            </Button>
          ) : (
            "Add movies under Movies first."
          )}
        </EmptyState>
      ) : (
        <fieldset aria-busy={movies.isPlaceholderData}>
          <legend className="sr-only">Movie</legend>
          <ul className={`divide-y divide-stone-100 overflow-hidden rounded-lg border border-stone-200 bg-white ${movies.isPlaceholderData ? "opacity-60" : ""}`}>
            {movies.data.items.map((movie) => (
              <li key={movie.id}>
                <MovieOption movie={movie} checked={selected?.id === movie.id} onSelect={() => onSelect(movie)} />
              </li>
            ))}
          </ul>
          <Pagination total={movies.data.total} limit={PAGE_SIZE} offset={offset} onChange={setOffset} />
        </fieldset>
      )}
    </div>
  );
}

function MovieOption({ movie, checked, onSelect }: { movie: WizardMovie; checked: boolean; onSelect(): void }) {
  const id = `movie-option-${movie.id}`;
  const s = movie.showtimes;
  return (
    <label htmlFor={id} className={`flex cursor-pointer gap-3 px-3 py-3 hover:bg-stone-50 ${checked ? "bg-brand-50" : ""}`}>
      <input id={id} type="radio" name="wizard-movie" value={movie.id} checked={checked} onChange={onSelect} className="mt-1 h-4 w-4 flex-none accent-brand-600" />
      <span className="min-w-0 flex-1">
        <span className="block font-medium text-stone-900">
          {movie.title}
          {movie.year && <span className="font-normal text-stone-500"> ({movie.year})</span>}
        </span>
        <span className="block text-xs text-stone-600">
          {movie.releaseDate ? `Released ${dateOnly.format(new Date(`${movie.releaseDate}T00:00:00Z`))}` : "Release date unknown"}
          {" · "}
          {movie.runtimeMinutes ? `${movie.runtimeMinutes} min` : "runtime unknown"}
          {movie.genres.length > 0 && ` · ${movie.genres.slice(0, 3).join(", ")}`}
        </span>
        <span className={`mt-0.5 block text-xs ${s.upcoming ? "text-emerald-800" : "text-stone-500"}`}>
          {s.upcoming && s.firstStart && s.lastStart
            ? `${s.upcoming} upcoming showtime${s.upcoming === 1 ? "" : "s"} · ${shortDate.format(new Date(s.firstStart))}–${shortDate.format(new Date(s.lastStart))} · in ${s.theaters} theater${s.theaters === 1 ? "" : "s"}`
            : "No upcoming showtimes"}
        </span>
      </span>
    </label>
  );
}
