"use client";

import { useRef } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";

/**
 * Times of day as a list of time inputs: add, change, remove. A new time is suggested right after
 * the last show and its turnover, so that adding times one after another never overlaps.
 */
export function TimeList({
  idPrefix,
  legend,
  times,
  error,
  suggestAfter,
  onChange,
}: {
  idPrefix: string;
  legend: string;
  times: string[];
  error?: string;
  suggestAfter(last: string | undefined): string;
  onChange(times: string[]): void;
}) {
  const listRef = useRef<HTMLUListElement>(null);
  const errorId = `${idPrefix}-error`;
  const focusInput = (index: number) => requestAnimationFrame(() => listRef.current?.querySelectorAll<HTMLInputElement>("input")[index]?.focus());

  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-stone-800">{legend}</legend>
      <ul ref={listRef} className="flex flex-wrap gap-2">
        {times.map((time, i) => {
          const id = `${idPrefix}-${i}`;
          return (
            <li key={i} className="flex items-center gap-1 rounded-md border border-stone-200 bg-white py-1 pl-2 pr-1">
              <label htmlFor={id} className="whitespace-nowrap text-xs text-stone-600">
                Time {i + 1}
              </label>
              <Input
                id={id}
                type="time"
                required
                value={time}
                onChange={(e) => onChange(times.map((t, j) => (j === i ? e.target.value : t)))}
                aria-invalid={Boolean(error)}
                aria-describedby={error ? errorId : undefined}
                className="w-[7.5rem] py-1"
              />
              <button
                type="button"
                onClick={() => {
                  onChange(times.filter((_, j) => j !== i));
                  focusInput(Math.max(0, i - 1));
                }}
                className="grid h-8 w-8 place-items-center rounded text-stone-500 hover:bg-stone-100 hover:text-stone-900"
                aria-label={`Remove time ${i + 1}${time ? ` (${time})` : ""}`}
              >
                <span aria-hidden>×</span>
              </button>
            </li>
          );
        })}
        <li>
          <Button
            variant="secondary"
            size="sm"
            className="h-full min-h-10"
            onClick={() => {
              onChange([...times, suggestAfter(times.filter(Boolean).sort().at(-1))]);
              focusInput(times.length);
            }}
          >
            + Add time
          </Button>
        </li>
      </ul>
      {error && (
        <p id={errorId} role="alert" className="text-xs text-red-700">
          {error}
        </p>
      )}
    </fieldset>
  );
}
