"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input } from "@/components/ui/field";
import { errorMessage } from "@/components/admin/field-errors";
import { ApiClientError } from "@/lib/client/api-client";
import { registerMovie, trendKeys } from "./api";

/** Registers a movie for trend tracking by its TMDB id (the seed's "register"), with its outcome shown. */
export function RegisterForm() {
  const queryClient = useQueryClient();
  const [value, setValue] = useState("");
  const [localError, setLocalError] = useState<string | undefined>();

  const register = useMutation({
    mutationFn: (tmdbId: number) => registerMovie(tmdbId),
    onSuccess: () => {
      setValue("");
      void queryClient.invalidateQueries({ queryKey: trendKeys.all });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const tmdbId = Number(value.trim());
    if (!/^\d+$/.test(value.trim()) || tmdbId <= 0) {
      setLocalError("Enter a TMDB id: a positive whole number, such as 27205");
      return;
    }
    setLocalError(undefined);
    register.mutate(tmdbId);
  }

  const fieldError = localError ?? (register.error instanceof ApiClientError ? register.error.fields.tmdbId : undefined);
  const hint = "The number in the movie's TMDB address, e.g. 27205 for themoviedb.org/movie/27205";
  return (
    <section aria-labelledby="register-heading" className="rounded-lg border border-stone-200 bg-white p-4">
      <h2 id="register-heading" className="text-sm font-semibold text-stone-900">
        Register a movie
      </h2>
      <form onSubmit={submit} className="mt-3 flex flex-col gap-3 sm:flex-row sm:items-start" noValidate>
        <div className="sm:w-80">
          <Field id="tmdb-id" label="TMDB id" hint={hint} error={fieldError}>
            <Input
              id="tmdb-id"
              inputMode="numeric"
              autoComplete="off"
              value={value}
              onChange={(e) => setValue(e.target.value)}
              aria-invalid={fieldError ? true : undefined}
              aria-describedby={describedBy("tmdb-id", fieldError, hint)}
            />
          </Field>
        </div>
        <Button type="submit" disabled={register.isPending} className="sm:mt-6">
          {register.isPending ? "Registering…" : "Register"}
        </Button>
      </form>
      <div role="status" aria-live="polite" className="mt-2 text-sm">
        {register.isPending && <span className="text-stone-600">Registering TMDB movie {register.variables}…</span>}
        {register.isSuccess && (
          <span className="text-emerald-700">
            {register.data.created ? "Added" : "Registered"} “{register.data.title}” ({register.data.movieId}). Its TMDB score arrives in a few seconds.
          </span>
        )}
        {register.isError && !fieldError && <span className="text-red-700">Could not register: {errorMessage(register.error)}</span>}
        {register.isError && fieldError && <span className="text-red-700">Could not register: {register.error.message}</span>}
      </div>
    </section>
  );
}
