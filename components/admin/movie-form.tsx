"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { describedBy, Field, Input, Textarea } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { apiFetch, ApiClientError } from "@/lib/client/api-client";
import { KNOWN_GENRES, type Movie } from "@/lib/catalog/contract";
import { errorFor, errorMessage, saveErrorSummary, unplacedErrors } from "./field-errors";
import { setFlash, useFlash } from "./flash";
import { movieKeys, useGenres } from "./movies-list";
import { QueryStates } from "./query-states";
import { SuccessNotice } from "./success-notice";
import { useUnsavedChangesWarning } from "./unsaved-changes";

interface MovieValues {
  id: string;
  title: string;
  year: string;
  runtimeMinutes: string;
  genres: string[];
  overview: string;
  releaseDate: string;
  tmdbId: string;
  imdbId: string;
}

type MoviePayload = {
  title: string;
  year: number | null;
  runtimeMinutes: number | null;
  genres: string[];
  overview: string;
  releaseDate: string | null;
  tmdbId: number | null;
  imdbId: string | null;
};

const fieldLabels: Record<keyof MoviePayload, string> = {
  title: "title",
  year: "year",
  runtimeMinutes: "runtime",
  genres: "genres",
  overview: "overview",
  releaseDate: "release date",
  tmdbId: "TMDB id",
  imdbId: "IMDb id",
};

const blank: MovieValues = { id: "", title: "", year: "", runtimeMinutes: "", genres: [], overview: "", releaseDate: "", tmdbId: "", imdbId: "" };

function valuesOf(movie: Movie): MovieValues {
  const text = (n: number | null) => (n === null ? "" : String(n));
  return {
    id: movie.id,
    title: movie.title,
    year: text(movie.year),
    runtimeMinutes: text(movie.runtimeMinutes),
    genres: movie.genres,
    overview: movie.overview,
    releaseDate: movie.releaseDate ?? "",
    tmdbId: text(movie.tmdbId),
    imdbId: movie.imdbId ?? "",
  };
}

/** Empty means "none". (Number inputs report "" for anything that is not a number.) */
function numberOrNull(text: string): number | null {
  const n = Number(text.trim());
  return text.trim() === "" || Number.isNaN(n) ? null : n;
}

function payloadOf(values: MovieValues): MoviePayload {
  return {
    title: values.title.trim(),
    year: numberOrNull(values.year),
    runtimeMinutes: numberOrNull(values.runtimeMinutes),
    genres: values.genres,
    overview: values.overview,
    releaseDate: values.releaseDate || null,
    tmdbId: numberOrNull(values.tmdbId),
    imdbId: values.imdbId.trim() || null,
  };
}

/** Only the fields that differ from the saved movie: what a PATCH should send. */
function changedFields(saved: MoviePayload, current: MoviePayload): Partial<MoviePayload> {
  const changes: Partial<MoviePayload> = {};
  for (const key of Object.keys(current) as (keyof MoviePayload)[]) {
    const same = key === "genres" ? [...saved.genres].sort().join("\n") === [...current.genres].sort().join("\n") : saved[key] === current[key];
    if (!same) Object.assign(changes, { [key]: current[key] });
  }
  return changes;
}

const retryUnlessClientError = (count: number, error: Error) => !(error instanceof ApiClientError && error.status > 0 && error.status < 500) && count < 1;

/** The edit page: loads the movie, then the form. */
export function MovieEditor({ id }: { id: string }) {
  const movie = useQuery({
    queryKey: movieKeys.one(id),
    queryFn: ({ signal }) => apiFetch<Movie>(`/api/v1/movies/${encodeURIComponent(id)}`, { signal }),
    retry: retryUnlessClientError,
  });
  if (movie.error instanceof ApiClientError && movie.error.status === 404) {
    return (
      <div>
        <PageHeader title="Movie not found" />
        <EmptyState title={`There is no movie with id “${id}”`}>
          It may have been deleted.{" "}
          <Link href="/admin/movies" className="font-medium text-brand-700 hover:underline">
            Back to movies
          </Link>
        </EmptyState>
      </div>
    );
  }
  return (
    <QueryStates query={movie} what="the movie" rows={8}>
      {(data) => <MovieForm movie={data} />}
    </QueryStates>
  );
}

/** Create (no `movie`) or edit a movie. Edits send only what changed. */
export function MovieForm({ movie }: { movie?: Movie }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const genres = useGenres();
  const formRef = useRef<HTMLFormElement>(null);
  const [saved, setSaved] = useState<Movie | undefined>(movie);
  const [values, setValues] = useState<MovieValues>(movie ? valuesOf(movie) : blank);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [notice, setNotice] = useFlash();
  const [otherGenre, setOtherGenre] = useState("");
  const [confirmingDelete, setConfirmingDelete] = useState(false);

  const current = payloadOf(values);
  const changes = saved ? changedFields(payloadOf(valuesOf(saved)), current) : current;
  const dirty = saved ? Object.keys(changes).length > 0 : JSON.stringify(values) !== JSON.stringify(blank);
  useUnsavedChangesWarning(dirty);

  const save = useMutation({
    mutationFn: () =>
      saved
        ? apiFetch<Movie>(`/api/v1/movies/${encodeURIComponent(saved.id)}`, { method: "PATCH", body: changes })
        : apiFetch<Movie>("/api/v1/movies", { method: "POST", body: { ...(values.id.trim() ? { id: values.id.trim() } : {}), ...current } }),
    onMutate: () => {
      setFields({});
      setNotice(null);
    },
    onSuccess: (result) => {
      queryClient.setQueryData(movieKeys.one(result.id), result);
      void queryClient.invalidateQueries({ queryKey: movieKeys.all, predicate: (q) => q.queryKey[2] === "list" });
      void queryClient.invalidateQueries({ queryKey: movieKeys.genres });
      if (!saved) {
        setFlash(`Created “${result.title}”. It is in the catalog now.`);
        router.push(`/admin/movies/${encodeURIComponent(result.id)}`);
        return;
      }
      const what = Object.keys(changes).map((k) => fieldLabels[k as keyof MoviePayload]);
      setSaved(result);
      setValues(valuesOf(result));
      setNotice(`Saved ${what.join(", ")} of “${result.title}”.`);
    },
    onError: (error) => {
      if (error instanceof ApiClientError) setFields(error.fields);
    },
  });

  const remove = useMutation({
    mutationFn: () => apiFetch<void>(`/api/v1/movies/${encodeURIComponent(saved!.id)}`, { method: "DELETE" }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: movieKeys.one(saved!.id) });
      void queryClient.invalidateQueries({ queryKey: movieKeys.all });
      void queryClient.invalidateQueries({ queryKey: movieKeys.genres });
      setFlash(`Deleted “${saved!.title}”.`);
      router.push("/admin/movies");
    },
  });

  // After a failed save, take the keyboard to the first field with a message.
  useEffect(() => {
    if (Object.keys(fields).length) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [fields]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (saved && !dirty) {
      setNotice("Nothing has changed since the last save.");
      return;
    }
    save.mutate();
  }

  const set = (key: keyof MovieValues) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: event.target.value }));
  const genreOptions = [...new Set([...KNOWN_GENRES, ...(genres.data?.items.map((g) => g.genre) ?? []), ...values.genres])].sort((a, b) => a.localeCompare(b));
  function toggleGenre(genre: string, on: boolean) {
    setValues((v) => ({ ...v, genres: on ? [...v.genres, genre] : v.genres.filter((g) => g !== genre) }));
  }
  function addOtherGenre() {
    const genre = otherGenre.trim();
    if (!genre) return;
    if (!values.genres.includes(genre)) toggleGenre(genre, true);
    setOtherGenre("");
  }

  const input = (key: Exclude<keyof MovieValues, "genres">, hint?: string) => ({
    id: `movie-${key}`,
    name: key,
    value: values[key],
    onChange: set(key),
    "aria-invalid": Boolean(errorFor(fields, key)),
    "aria-describedby": describedBy(`movie-${key}`, errorFor(fields, key), hint),
  });
  const placed = ["id", "title", "year", "runtimeMinutes", "genres", "overview", "releaseDate", "tmdbId", "imdbId"];
  const otherErrors = unplacedErrors(fields, placed);

  return (
    <div>
      <PageHeader
        title={saved ? saved.title : "New movie"}
        description={saved ? `Movie id ${saved.id}` : "Add a movie to the catalog."}
        actions={
          <ButtonLink href="/admin/movies" variant="secondary">
            Back to movies
          </ButtonLink>
        }
      />
      <form ref={formRef} onSubmit={submit} noValidate className="max-w-2xl space-y-5 rounded-lg border border-stone-200 bg-white p-4 sm:p-6">
        <Field id="movie-title" label="Title" error={errorFor(fields, "title")}>
          <Input {...input("title")} required autoFocus={!saved} />
        </Field>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
          <Field id="movie-year" label="Year" error={errorFor(fields, "year")}>
            <Input {...input("year")} type="number" inputMode="numeric" min={1870} max={2100} />
          </Field>
          <Field id="movie-runtimeMinutes" label="Runtime (minutes)" error={errorFor(fields, "runtimeMinutes")}>
            <Input {...input("runtimeMinutes")} type="number" inputMode="numeric" min={1} max={1000} />
          </Field>
          <Field id="movie-releaseDate" label="Release date" error={errorFor(fields, "releaseDate")}>
            <Input {...input("releaseDate")} type="date" />
          </Field>
        </div>

        <fieldset aria-describedby={errorFor(fields, "genres") ? "movie-genres-error" : undefined}>
          <legend className="text-sm font-medium text-stone-800">Genres</legend>
          <div className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1.5 sm:grid-cols-3 lg:grid-cols-4">
            {genreOptions.map((genre) => {
              const id = `movie-genre-${genre.replace(/[^A-Za-z0-9]+/g, "-")}`;
              return (
                <label key={genre} htmlFor={id} className="flex items-center gap-2 text-sm text-stone-800">
                  <input
                    id={id}
                    type="checkbox"
                    checked={values.genres.includes(genre)}
                    onChange={(e) => toggleGenre(genre, e.target.checked)}
                    className="h-4 w-4 rounded border-stone-300 accent-brand-600"
                  />
                  {genre}
                </label>
              );
            })}
          </div>
          <div className="mt-3 flex max-w-sm items-end gap-2">
            <div className="flex-1">
              <Field id="movie-other-genre" label="Another genre">
                <Input
                  id="movie-other-genre"
                  value={otherGenre}
                  onChange={(e) => setOtherGenre(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === "Enter") {
                      e.preventDefault();
                      addOtherGenre();
                    }
                  }}
                  maxLength={40}
                />
              </Field>
            </div>
            <Button variant="secondary" onClick={addOtherGenre} disabled={!otherGenre.trim()}>
              Add
            </Button>
          </div>
          {errorFor(fields, "genres") && (
            <p id="movie-genres-error" role="alert" className="mt-1 text-xs text-red-700">
              {errorFor(fields, "genres")}
            </p>
          )}
        </fieldset>

        <Field id="movie-overview" label="Overview" error={errorFor(fields, "overview")}>
          <Textarea {...input("overview")} rows={4} />
        </Field>
        <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
          <Field id="movie-tmdbId" label="TMDB id" hint="The number in themoviedb.org/movie/…" error={errorFor(fields, "tmdbId")}>
            <Input {...input("tmdbId", "The number in themoviedb.org/movie/…")} type="number" inputMode="numeric" min={1} />
          </Field>
          <Field id="movie-imdbId" label="IMDb id" hint="For example tt0110912" error={errorFor(fields, "imdbId")}>
            <Input {...input("imdbId", "For example tt0110912")} placeholder="tt0110912" />
          </Field>
        </div>
        {!saved && (
          <Field id="movie-id" label="Custom id (optional)" hint="Leave empty to generate one. Letters, digits and . _ : -" error={errorFor(fields, "id")}>
            <Input {...input("id", "Leave empty to generate one. Letters, digits and . _ : -")} autoComplete="off" spellCheck={false} />
          </Field>
        )}

        {save.isError && (
          <ErrorState
            title={saved ? "The changes were not saved" : "The movie was not created"}
            message={saveErrorSummary(save.error, fields, "above")}
          />
        )}
        {save.isError && otherErrors.length > 0 && (
          <ul className="list-inside list-disc text-sm text-red-700">
            {otherErrors.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        )}
        {notice && <SuccessNotice message={notice} onDismiss={() => setNotice(null)} className="" />}

        <div className="flex flex-col-reverse gap-2 border-t border-stone-100 pt-4 sm:flex-row sm:items-center">
          {saved && (
            <Button variant="ghost" className="text-red-700 hover:bg-red-50 sm:mr-auto" onClick={() => setConfirmingDelete(true)}>
              Delete movie
            </Button>
          )}
          <span className="text-sm text-stone-500 sm:ml-auto" aria-live="polite">
            {saved && dirty ? "Unsaved changes" : ""}
          </span>
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? "Saving…" : saved ? "Save changes" : "Create movie"}
          </Button>
        </div>
      </form>

      {saved && (
        <ConfirmDialog
          open={confirmingDelete}
          title={`Delete “${saved.title}”?`}
          confirmLabel="Delete movie"
          pending={remove.isPending}
          error={remove.isError ? errorMessage(remove.error) : null}
          onConfirm={() => remove.mutate()}
          onCancel={() => {
            setConfirmingDelete(false);
            remove.reset();
          }}
        >
          <p>The movie leaves the catalog, and its ratings and tags go with it. This cannot be undone.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
