"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { Pagination } from "@/components/ui/pagination";
import { EmptyState, ErrorState, SkeletonRows, Spinner } from "@/components/ui/states";
import type { TheaterSummary } from "@/lib/catalog/contract";
import { fetchCities, fetchTheaters, showtimeKeys } from "./api";

const PAGE_SIZE = 50;

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

const seatsParam = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined);

/** Step 2: theaters to schedule in, filtered by name, city and seat count; the choice is kept across filters. */
export function TheatersStep({ selected, onChange }: { selected: TheaterSummary[]; onChange(theaters: TheaterSummary[]): void }) {
  const [name, setName] = useState("");
  const [city, setCity] = useState("");
  const [minSeats, setMinSeats] = useState("");
  const [maxSeats, setMaxSeats] = useState("");
  const [offset, setOffset] = useState(0);
  // Debounced as a string: an object would be new on every render.
  const filterKey = useDebounced(JSON.stringify({ q: name.trim() || undefined, city: city || undefined, minSeats: seatsParam(minSeats), maxSeats: seatsParam(maxSeats) }), 250);
  const filters = JSON.parse(filterKey) as { q?: string; city?: string; minSeats?: number; maxSeats?: number };
  const [seenKey, setSeenKey] = useState(filterKey);
  if (seenKey !== filterKey) {
    // A new filter starts again at the first page.
    setSeenKey(filterKey);
    setOffset(0);
  }

  const cities = useQuery({ queryKey: showtimeKeys.cities, queryFn: ({ signal }) => fetchCities(signal), staleTime: 60_000 });
  const theaters = useQuery({
    queryKey: showtimeKeys.theaters({ ...filters, offset }),
    queryFn: ({ signal }) => fetchTheaters({ ...filters, offset, limit: PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
  });

  const selectedIds = new Set(selected.map((t) => t.id));
  const toggle = (theater: TheaterSummary, on: boolean) => onChange(on ? [...selected, theater] : selected.filter((t) => t.id !== theater.id));
  const shown = theaters.data?.items ?? [];
  const allShownSelected = shown.length > 0 && shown.every((t) => selectedIds.has(t.id));
  const seatsError = seatsParam(minSeats) !== undefined && seatsParam(maxSeats) !== undefined && seatsParam(minSeats)! > seatsParam(maxSeats)! ? "The minimum is above the maximum" : undefined;
  const filtered = Boolean(name || city || minSeats || maxSeats);

  return (
    <div className="space-y-4">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4" role="search" aria-label="Filter theaters">
        <div className="col-span-2 sm:col-span-1">
          <label htmlFor="theater-filter-name" className="block text-sm font-medium text-stone-800">
            Name or city
          </label>
          <Input id="theater-filter-name" type="search" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" className="mt-1" />
        </div>
        <div className="col-span-2 sm:col-span-1">
          <label htmlFor="theater-filter-city" className="block text-sm font-medium text-stone-800">
            City
          </label>
          <Select id="theater-filter-city" value={city} onChange={(e) => setCity(e.target.value)} className="mt-1">
            <option value="">All cities</option>
            {cities.data?.items.map((c) => (
              <option key={c.city} value={c.city}>
                {c.city} ({c.theaters})
              </option>
            ))}
          </Select>
        </div>
        <div>
          <label htmlFor="theater-filter-min" className="block text-sm font-medium text-stone-800">
            Seats from
          </label>
          <Input id="theater-filter-min" type="number" inputMode="numeric" min={0} value={minSeats} onChange={(e) => setMinSeats(e.target.value)} aria-invalid={Boolean(seatsError)} aria-describedby={seatsError ? "theater-filter-seats-error" : undefined} className="mt-1" />
        </div>
        <div>
          <label htmlFor="theater-filter-max" className="block text-sm font-medium text-stone-800">
            Seats up to
          </label>
          <Input id="theater-filter-max" type="number" inputMode="numeric" min={0} value={maxSeats} onChange={(e) => setMaxSeats(e.target.value)} aria-invalid={Boolean(seatsError)} aria-describedby={seatsError ? "theater-filter-seats-error" : undefined} className="mt-1" />
        </div>
        {seatsError && (
          <p id="theater-filter-seats-error" role="alert" className="col-span-2 text-xs text-red-700 sm:col-span-4">
            {seatsError}
          </p>
        )}
      </div>

      <div className="flex flex-wrap items-center gap-2 text-sm" aria-live="polite">
        <span className="font-medium text-stone-800">
          {selected.length} theater{selected.length === 1 ? "" : "s"} selected
        </span>
        {selected.length > 0 && (
          <Button variant="ghost" size="sm" onClick={() => onChange([])}>
            Clear selection
          </Button>
        )}
        {theaters.isFetching && !theaters.isPending && <Spinner label="Updating" />}
      </div>
      {selected.length > 0 && (
        <ul className="flex flex-wrap gap-1.5" aria-label="Selected theaters">
          {selected.map((t) => (
            <li key={t.id} className="inline-flex items-center gap-1 rounded-full bg-brand-50 py-0.5 pl-2.5 pr-1 text-xs text-brand-700 ring-1 ring-brand-100">
              {t.name}
              <button type="button" onClick={() => toggle(t, false)} className="grid h-5 w-5 place-items-center rounded-full hover:bg-brand-100" aria-label={`Remove ${t.name}`}>
                <span aria-hidden>×</span>
              </button>
            </li>
          ))}
        </ul>
      )}

      {theaters.isPending ? (
        <div>
          <span className="sr-only" role="status">
            Loading theaters…
          </span>
          <SkeletonRows rows={6} />
        </div>
      ) : theaters.isError && !theaters.data ? (
        <ErrorState
          title="Could not load theaters"
          message={theaters.error.message}
          action={
            <Button variant="secondary" size="sm" onClick={() => void theaters.refetch()}>
              Try again
            </Button>
          }
        />
      ) : shown.length === 0 ? (
        <EmptyState title={filtered ? "No theaters match these filters" : "No theaters yet"}>
          {filtered ? (
            <Button
              variant="secondary"
              size="sm"
              onClick={() => {
                setName("");
                setCity("");
                setMinSeats("");
                setMaxSeats("");
              }}
            >
              Clear the filters
            </Button>
          ) : (
            "Add theaters under Theaters first."
          )}
        </EmptyState>
      ) : (
        <fieldset aria-busy={theaters.isPlaceholderData}>
          <legend className="sr-only">Theaters</legend>
          <div className="mb-2">
            <Button
              variant="secondary"
              size="sm"
              onClick={() => onChange(allShownSelected ? selected.filter((t) => !shown.some((s) => s.id === t.id)) : [...selected, ...shown.filter((t) => !selectedIds.has(t.id))])}
            >
              {allShownSelected ? `Unselect the ${shown.length} shown` : `Select all ${shown.length} shown`}
            </Button>
          </div>
          <ul className={`grid gap-2 sm:grid-cols-2 ${theaters.isPlaceholderData ? "opacity-60" : ""}`}>
            {shown.map((t) => {
              const id = `theater-option-${t.id}`;
              const checked = selectedIds.has(t.id);
              return (
                <li key={t.id}>
                  <label htmlFor={id} className={`flex h-full cursor-pointer gap-3 rounded-lg border bg-white px-3 py-2.5 hover:bg-stone-50 ${checked ? "border-brand-500 bg-brand-50" : "border-stone-200"}`}>
                    <input id={id} type="checkbox" checked={checked} onChange={(e) => toggle(t, e.target.checked)} className="mt-1 h-4 w-4 flex-none accent-brand-600" />
                    <span className="min-w-0">
                      <span className="block font-medium text-stone-900">{t.name}</span>
                      <span className="block text-xs text-stone-600">
                        {t.city} · {t.seatCount} seats · turnover {t.turnoverMinutes} min
                      </span>
                      <span className="block text-xs text-stone-500">{t.timeZone}</span>
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
          <Pagination total={theaters.data.total} limit={PAGE_SIZE} offset={offset} onChange={setOffset} />
        </fieldset>
      )}
    </div>
  );
}
