"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useSyncExternalStore, type FormEvent } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { describedBy, Field, Input, Select } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/states";
import { apiFetch, ApiClientError } from "@/lib/client/api-client";
import { countSeats, rectangularSeatMap, type SeatMap } from "@/lib/theaters/seat-map";
import { fieldsUnder, sameSeatMap } from "@/lib/theaters/seat-map-editing";
import type { Theater } from "@/lib/catalog/contract";
import { errorFor, errorMessage, saveErrorSummary, unplacedErrors } from "./field-errors";
import { setFlash, useFlash } from "./flash";
import { QueryStates } from "./query-states";
import { SeatMapEditor } from "./seat-map-editor";
import { theaterKeys, useCities } from "./theaters-list";
import { useUnsavedChangesWarning } from "./unsaved-changes";

interface TheaterValues {
  id: string;
  name: string;
  city: string;
  timeZone: string;
  turnoverMinutes: string;
  seatMap: SeatMap;
}

type TheaterPayload = { name: string; city: string; timeZone: string; turnoverMinutes: number | null; seatMap: SeatMap };

const fieldLabels: Record<keyof TheaterPayload, string> = { name: "name", city: "city", timeZone: "time zone", turnoverMinutes: "turnover", seatMap: "seat map" };

const blank = (): TheaterValues => ({ id: "", name: "", city: "", timeZone: "", turnoverMinutes: "15", seatMap: rectangularSeatMap(8, 12) });

function valuesOf(theater: Theater): TheaterValues {
  return { id: theater.id, name: theater.name, city: theater.city, timeZone: theater.timeZone, turnoverMinutes: String(theater.turnoverMinutes), seatMap: theater.seatMap };
}

function payloadOf(values: TheaterValues): TheaterPayload {
  const turnover = values.turnoverMinutes.trim() === "" ? null : Number(values.turnoverMinutes);
  return { name: values.name.trim(), city: values.city.trim(), timeZone: values.timeZone, turnoverMinutes: turnover, seatMap: values.seatMap };
}

function changedFields(saved: TheaterPayload, current: TheaterPayload): Partial<TheaterPayload> {
  const changes: Partial<TheaterPayload> = {};
  for (const key of Object.keys(current) as (keyof TheaterPayload)[]) {
    const same = key === "seatMap" ? sameSeatMap(saved.seatMap, current.seatMap) : saved[key] === current[key];
    if (!same) Object.assign(changes, { [key]: current[key] });
  }
  return changes;
}

const noSubscription = () => () => {};
/** The browser's time zone, or null while rendering on the server (so hydration matches). */
function useBrowserTimeZone(): string | null {
  return useSyncExternalStore(
    noSubscription,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => null,
  );
}

const retryUnlessClientError = (count: number, error: Error) => !(error instanceof ApiClientError && error.status > 0 && error.status < 500) && count < 1;

/** The edit page: loads the theater, then the form. */
export function TheaterEditor({ id, timeZones }: { id: string; timeZones: string[] }) {
  const theater = useQuery({
    queryKey: theaterKeys.one(id),
    queryFn: ({ signal }) => apiFetch<Theater>(`/api/v1/theaters/${encodeURIComponent(id)}`, { signal }),
    retry: retryUnlessClientError,
  });
  if (theater.error instanceof ApiClientError && theater.error.status === 404) {
    return (
      <div>
        <PageHeader title="Theater not found" />
        <EmptyState title={`There is no theater with id “${id}”`}>
          It may have been deleted.{" "}
          <Link href="/admin/theaters" className="font-medium text-brand-700 hover:underline">
            Back to theaters
          </Link>
        </EmptyState>
      </div>
    );
  }
  return (
    <QueryStates query={theater} what="the theater" rows={10}>
      {(data) => <TheaterForm theater={data} timeZones={timeZones} />}
    </QueryStates>
  );
}

/** Create (no `theater`) or edit a theater and its seat map. Edits send only what changed. */
export function TheaterForm({ theater, timeZones }: { theater?: Theater; timeZones: string[] }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const cities = useCities();
  const browserZone = useBrowserTimeZone();
  const formRef = useRef<HTMLFormElement>(null);
  const [saved, setSaved] = useState<Theater | undefined>(theater);
  const [values, setValues] = useState<TheaterValues>(() => (theater ? valuesOf(theater) : blank()));
  const [initial] = useState(values);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [notice, setNotice] = useFlash();
  const [confirmingDelete, setConfirmingDelete] = useState(false);

  const current = payloadOf(values);
  const changes = saved ? changedFields(payloadOf(valuesOf(saved)), current) : current;
  const dirty = saved ? Object.keys(changes).length > 0 : JSON.stringify(values) !== JSON.stringify(initial);
  useUnsavedChangesWarning(dirty);

  const save = useMutation({
    mutationFn: () =>
      saved
        ? apiFetch<Theater>(`/api/v1/theaters/${encodeURIComponent(saved.id)}`, { method: "PATCH", body: changes })
        : apiFetch<Theater>("/api/v1/theaters", { method: "POST", body: { ...(values.id.trim() ? { id: values.id.trim() } : {}), ...current } }),
    onMutate: () => {
      setFields({});
      setNotice(null);
    },
    onSuccess: (result) => {
      queryClient.setQueryData(theaterKeys.one(result.id), result);
      void queryClient.invalidateQueries({ queryKey: theaterKeys.all, predicate: (q) => q.queryKey[2] === "list" });
      void queryClient.invalidateQueries({ queryKey: theaterKeys.cities });
      if (!saved) {
        setFlash(`Created “${result.name}” with ${result.seatCount.toLocaleString()} seats.`);
        router.push(`/admin/theaters/${encodeURIComponent(result.id)}`);
        return;
      }
      const what = Object.keys(changes).map((k) => fieldLabels[k as keyof TheaterPayload]);
      setSaved(result);
      setValues(valuesOf(result));
      setNotice(`Saved ${what.join(", ")} of “${result.name}”. It has ${result.seatCount.toLocaleString()} seats.`);
    },
    onError: (error) => {
      if (error instanceof ApiClientError) setFields(error.fields);
    },
  });

  const remove = useMutation({
    mutationFn: () => apiFetch<void>(`/api/v1/theaters/${encodeURIComponent(saved!.id)}`, { method: "DELETE" }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: theaterKeys.one(saved!.id) });
      void queryClient.invalidateQueries({ queryKey: theaterKeys.all });
      void queryClient.invalidateQueries({ queryKey: theaterKeys.cities });
      setFlash(`Deleted “${saved!.name}”.`);
      router.push("/admin/theaters");
    },
  });

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

  const set = (key: Exclude<keyof TheaterValues, "seatMap">) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [key]: event.target.value }));
  const control = (key: Exclude<keyof TheaterValues, "seatMap">, hint?: string) => ({
    id: `theater-${key}`,
    name: key,
    value: values[key],
    onChange: set(key),
    "aria-invalid": Boolean(errorFor(fields, key)),
    "aria-describedby": describedBy(`theater-${key}`, errorFor(fields, key), hint),
  });
  const zones = values.timeZone && !timeZones.includes(values.timeZone) ? [values.timeZone, ...timeZones] : timeZones;
  const seatMapErrors = fieldsUnder(fields, "seatMap");
  const otherErrors = unplacedErrors(fields, ["id", "name", "city", "timeZone", "turnoverMinutes", "seatMap"]);
  const seats = countSeats(values.seatMap);
  const turnoverHint = "Cleaning time after each show, 0–240";

  return (
    <div>
      <PageHeader
        title={saved ? saved.name : "New theater"}
        description={saved ? `${saved.city} · theater id ${saved.id}` : "A screen with its seat map; showtimes are scheduled into it."}
        actions={
          <ButtonLink href="/admin/theaters" variant="secondary">
            Back to theaters
          </ButtonLink>
        }
      />
      <form ref={formRef} onSubmit={submit} noValidate className="space-y-6">
        <div className="grid grid-cols-1 gap-4 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-2 sm:p-6">
          <Field id="theater-name" label="Name" error={errorFor(fields, "name")}>
            <Input {...control("name")} required autoFocus={!saved} />
          </Field>
          <Field id="theater-city" label="City" error={errorFor(fields, "city")}>
            <Input {...control("city")} list="theater-city-options" required autoComplete="off" />
          </Field>
          <datalist id="theater-city-options">
            {cities.data?.items.map((c) => (
              <option key={c.city} value={c.city} />
            ))}
          </datalist>
          <Field id="theater-timeZone" label="Time zone" error={errorFor(fields, "timeZone")}>
            <div className="flex gap-2">
              <Select {...control("timeZone")} required>
                <option value="">Choose a time zone…</option>
                {zones.map((zone) => (
                  <option key={zone} value={zone}>
                    {zone.replaceAll("_", " ")}
                  </option>
                ))}
              </Select>
              {browserZone && browserZone !== values.timeZone && zones.includes(browserZone) && (
                <Button variant="secondary" size="sm" className="shrink-0 whitespace-nowrap" onClick={() => setValues((v) => ({ ...v, timeZone: browserZone }))}>
                  Use mine
                  <span className="sr-only"> ({browserZone})</span>
                </Button>
              )}
            </div>
          </Field>
          <Field id="theater-turnoverMinutes" label="Turnover (minutes)" hint={turnoverHint} error={errorFor(fields, "turnoverMinutes")}>
            <Input {...control("turnoverMinutes", turnoverHint)} type="number" inputMode="numeric" min={0} max={240} />
          </Field>
          {!saved && (
            <Field id="theater-id" label="Custom id (optional)" hint="Leave empty to generate one. Letters, digits and . _ : -" error={errorFor(fields, "id")}>
              <Input {...control("id", "Leave empty to generate one. Letters, digits and . _ : -")} autoComplete="off" spellCheck={false} />
            </Field>
          )}
        </div>

        <SeatMapEditor
          value={values.seatMap}
          generatorOpen={!saved}
          errors={seatMapErrors}
          onChange={(seatMap) => {
            setValues((v) => ({ ...v, seatMap }));
            // The editor checks the map itself as it changes; the API's old verdict on it no longer applies.
            if (Object.keys(seatMapErrors).length) setFields((f) => Object.fromEntries(Object.entries(f).filter(([k]) => k !== "seatMap" && !k.startsWith("seatMap."))));
          }}
        />

        {/* Kept in view while the admin works down a long seat map: what happened, and Save. */}
        <div className="sticky bottom-0 z-20 -mx-4 flex items-center gap-3 border-t border-stone-200 bg-white/95 px-4 py-3 backdrop-blur sm:mx-0 sm:rounded-lg sm:border">
          <div className="min-w-0 flex-1 text-sm">
            {save.isError ? (
              <div role="alert" className="text-red-700">
                <p className="font-medium">{saved ? "The changes were not saved." : "The theater was not created."}</p>
                <p>
                  {saveErrorSummary(save.error, fields, Object.keys(seatMapErrors).length ? "in the details and the seat map" : "above")}
                  {otherErrors.length > 0 && ` ${otherErrors.join(" ")}`}
                </p>
              </div>
            ) : notice ? (
              <p role="status" className="flex items-start gap-2 text-emerald-800">
                <span aria-hidden>✓</span>
                <span>{notice}</span>
                <button type="button" onClick={() => setNotice(null)} className="-my-0.5 ml-auto rounded px-1.5 hover:bg-emerald-50" aria-label="Dismiss message">
                  <span aria-hidden>×</span>
                </button>
              </p>
            ) : (
              <p className="text-stone-600">
                {seats.toLocaleString()} seats{saved && dirty ? " · unsaved changes" : ""}
              </p>
            )}
          </div>
          <Button type="submit" disabled={save.isPending} className="shrink-0">
            {save.isPending ? "Saving…" : saved ? "Save changes" : "Create theater"}
          </Button>
        </div>
      </form>

      {saved && (
        <div className="mt-8 flex flex-wrap items-center justify-between gap-3 rounded-lg border border-red-200 bg-white p-4">
          <p className="text-sm text-stone-700">Deleting the theater removes it and its seats for good.</p>
          <Button variant="secondary" className="text-red-700 ring-red-300 hover:bg-red-50" onClick={() => setConfirmingDelete(true)}>
            Delete theater
          </Button>
        </div>
      )}

      {saved && (
        <ConfirmDialog
          open={confirmingDelete}
          title={`Delete “${saved.name}”?`}
          confirmLabel="Delete theater"
          pending={remove.isPending}
          error={remove.isError ? errorMessage(remove.error) : null}
          onConfirm={() => remove.mutate()}
          onCancel={() => {
            setConfirmingDelete(false);
            remove.reset();
          }}
        >
          <p>
            The theater and its {saved.seatCount.toLocaleString()} seats are removed. This cannot be undone.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
