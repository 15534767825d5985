"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/states";
import { MAX_FAVORITE_GENRES } from "@/lib/recs/contract";
import { saveFavoriteGenres } from "./recs-api";

/**
 * Up to three favorite genres as checkboxes (Tab and Space work as everywhere). Once three are
 * picked the others say they are unavailable and refuse a fourth, with the reason announced.
 */
export function GenrePicker({ userId, genres, initial }: { userId: string; genres: { genre: string; movies: number | null }[]; initial: string[] }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [picked, setPicked] = useState<string[]>(initial.slice(0, MAX_FAVORITE_GENRES));
  const [refused, setRefused] = useState<string | null>(null);
  const full = picked.length >= MAX_FAVORITE_GENRES;

  const save = useMutation({
    mutationFn: () => saveFavoriteGenres(userId, picked),
    onSuccess: () => {
      // The home page's lists start from the genres: ask for them again.
      queryClient.removeQueries({ queryKey: ["recommendations", userId] });
      queryClient.removeQueries({ queryKey: ["genres-top", userId] });
      router.push("/");
      router.refresh();
    },
  });

  function toggle(genre: string) {
    if (picked.includes(genre)) {
      setPicked(picked.filter((g) => g !== genre));
      setRefused(null);
    } else if (full) {
      setRefused(genre);
    } else {
      setPicked([...picked, genre]);
      setRefused(null);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <form onSubmit={onSubmit} className="mt-6 space-y-5">
      {save.isError && <ErrorState title="Your genres were not saved" message={save.error.message} />}
      <fieldset>
        <legend className="text-sm font-medium text-stone-800">Genres</legend>
        <ul className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-3">
          {genres.map(({ genre, movies }) => {
            const checked = picked.includes(genre);
            const unavailable = full && !checked;
            return (
              <li key={genre}>
                <label
                  className={`flex h-full cursor-pointer items-center gap-2 rounded-md border px-3 py-2 text-sm transition-colors has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-600 ${
                    checked ? "border-brand-600 bg-brand-50 text-stone-900" : unavailable ? "cursor-not-allowed border-stone-200 bg-stone-100 text-stone-600" : "border-stone-300 bg-white text-stone-800 hover:border-brand-500"
                  }`}
                >
                  <input
                    type="checkbox"
                    name="genres"
                    value={genre}
                    checked={checked}
                    aria-disabled={unavailable || undefined}
                    onChange={() => toggle(genre)}
                    className="h-4 w-4 shrink-0 accent-brand-600 focus-visible:outline-none"
                  />
                  <span className="min-w-0 flex-1 truncate font-medium">{genre}</span>
                  {movies !== null && <span className="text-xs text-stone-600">{movies.toLocaleString("en-US")}</span>}
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>
      <p role="status" className={`text-sm ${refused ? "text-amber-800" : "text-stone-600"}`}>
        {refused
          ? `You can pick ${MAX_FAVORITE_GENRES} genres at most. Unpick one to choose ${refused}.`
          : `${picked.length} of ${MAX_FAVORITE_GENRES} picked${picked.length ? `: ${picked.join(", ")}` : ""}.`}
      </p>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save and continue"}
        </Button>
        <ButtonLink href="/" variant="ghost">
          Skip for now
        </ButtonLink>
      </div>
    </form>
  );
}
