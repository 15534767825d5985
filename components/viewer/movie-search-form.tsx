"use client";

import type { FormEvent } from "react";
import { buttonClass } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { newRequestId } from "@/lib/viewer/request-id";
import { pendingSearch } from "@/lib/viewer/search-event";
import { PENDING_SEARCH_KEY } from "./search-event-reporter";

/**
 * The movie list's search form: a plain GET form (it works without JavaScript). For a signed-in
 * viewer, submitting also leaves a marker so the results page sends one search event.
 */
export function MovieSearchForm({ q, genre, genres, signedIn }: { q?: string; genre?: string; genres: { genre: string; movies: number }[]; signedIn: boolean }) {
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    if (!signedIn) return;
    const data = new FormData(event.currentTarget);
    const marker = pendingSearch(String(data.get("q") ?? ""), String(data.get("genre") ?? ""), newRequestId("search"));
    try {
      if (marker) sessionStorage.setItem(PENDING_SEARCH_KEY, JSON.stringify(marker));
      else sessionStorage.removeItem(PENDING_SEARCH_KEY);
    } catch {
      // Storage can be off (private mode): the search still works, it just is not recorded.
    }
  }

  return (
    <form role="search" className="mb-6 flex flex-col gap-2 sm:flex-row" action="/" onSubmit={onSubmit}>
      <label htmlFor="q" className="sr-only">
        Search titles
      </label>
      <Input id="q" name="q" type="search" defaultValue={q} placeholder="Search titles…" maxLength={200} className="sm:max-w-sm" />
      <label htmlFor="genre" className="sr-only">
        Genre
      </label>
      <Select id="genre" name="genre" defaultValue={genre ?? ""} className="sm:max-w-48">
        <option value="">All genres</option>
        {genres.map((g) => (
          <option key={g.genre} value={g.genre}>
            {g.genre} ({g.movies})
          </option>
        ))}
      </Select>
      <button type="submit" className={buttonClass("primary")}>
        Search
      </button>
    </form>
  );
}
