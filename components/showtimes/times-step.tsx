"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { describedBy, Field, Input } from "@/components/ui/field";
import { Notice } from "@/components/ui/states";
import type { TheaterSummary } from "@/lib/catalog/contract";
import { describeProblem, type FormIssue, type PlanCheck, type PlannedStart, type PlanTheater, type StartPlan, type TimelineShowtime } from "@/lib/showtimes/start-plan";
import { buildTimeline } from "@/lib/showtimes/timeline";
import { addMinutesToTime } from "@/lib/showtimes/times-of-day";
import { dayLabel, formatRangeInZone } from "@/lib/showtimes/zoned-time";
import { Timeline } from "./timeline";
import { TimeList } from "./time-list";

export interface TimesDraft {
  dateFrom: string;
  dateTo: string;
  mode: "shared" | "perTheater";
  sharedTimes: string[];
  timesByTheater: Record<string, string[]>;
  runtimeMinutes: string;
  preShowMinutes: string;
}

export interface ServerFieldErrors {
  byStart: Record<string, string>;
  byTheater: Record<string, string>;
  other: string[];
}

const TIMELINE_DAYS = 14;
const ROWS_SHOWN = 40;

/** Show length = runtime + pre-show, each checked on its own so the right input gets the message. */
export function showLength(draft: Pick<TimesDraft, "runtimeMinutes" | "preShowMinutes">): { minutes: number; runtimeError?: string; preShowError?: string } {
  const runtime = /^\d+$/.test(draft.runtimeMinutes.trim()) ? Number(draft.runtimeMinutes) : NaN;
  const preShow = draft.preShowMinutes.trim() === "" ? 0 : /^\d+$/.test(draft.preShowMinutes.trim()) ? Number(draft.preShowMinutes) : NaN;
  const runtimeError = Number.isNaN(runtime) || runtime <= 0 ? "Enter the runtime in whole minutes" : undefined;
  const preShowError = Number.isNaN(preShow) ? "Whole minutes, 0 or more" : preShow > 120 ? "At most 120 minutes" : undefined;
  return { minutes: runtimeError || preShowError ? 0 : runtime + preShow, runtimeError, preShowError };
}

export function formatMinutes(total: number): string {
  const h = Math.floor(total / 60);
  const m = total % 60;
  return h ? `${h} h${m ? ` ${m} min` : ""}` : `${m} min`;
}

const issueFor = (issues: FormIssue[], field: FormIssue["field"]) => issues.find((i) => i.field === field)?.message;

/** Step 4: dates × times of day, per theater or shared, with each show's end and every clash shown before submitting. */
export function TimesStep({
  theaters,
  movieTitle,
  movieRuntimeKnown,
  draft,
  onChange,
  plan,
  check,
  existing,
  existingState,
  serverErrors,
  now,
}: {
  theaters: TheaterSummary[];
  movieTitle: string;
  movieRuntimeKnown: boolean;
  draft: TimesDraft;
  onChange(patch: Partial<TimesDraft>): void;
  plan: StartPlan;
  check: PlanCheck;
  existing: TimelineShowtime[];
  existingState: "loading" | "error" | "ready";
  serverErrors: ServerFieldErrors | null;
  now: Date;
}) {
  const length = showLength(draft);
  const maxTurnover = Math.max(0, ...theaters.map((t) => t.turnoverMinutes));
  const suggestAfter = (last: string | undefined) => (last ? addMinutesToTime(last, Math.ceil((length.minutes + maxTurnover) / 5) * 5 || 60) : "19:00");
  const durationIssue = issueFor(plan.issues, "duration");
  const showIssues = plan.issues.filter((i) => i.field !== "duration");

  return (
    <div className="space-y-5">
      <section aria-labelledby="length-heading" className="rounded-lg border border-stone-200 bg-white p-4">
        <h3 id="length-heading" className="mb-3 text-sm font-semibold text-stone-900">
          Length of each show
        </h3>
        <div className="grid gap-3 sm:grid-cols-3">
          {movieRuntimeKnown ? (
            <div className="space-y-1">
              <p className="text-sm font-medium text-stone-800">Runtime</p>
              <p className="py-2 text-sm tabular-nums text-stone-900">{draft.runtimeMinutes} min</p>
            </div>
          ) : (
            <Field id="wizard-runtime" label="Runtime (minutes)" hint={`${movieTitle} has no runtime in the catalog`} error={length.runtimeError}>
              <Input id="wizard-runtime" type="number" inputMode="numeric" min={1} value={draft.runtimeMinutes} onChange={(e) => onChange({ runtimeMinutes: e.target.value })} aria-invalid={Boolean(length.runtimeError)} aria-describedby={describedBy("wizard-runtime", length.runtimeError, "no runtime")} />
            </Field>
          )}
          <Field id="wizard-preshow" label="Pre-show (minutes)" hint="Ads and trailers before the film" error={length.preShowError}>
            <Input id="wizard-preshow" type="number" inputMode="numeric" min={0} max={120} value={draft.preShowMinutes} onChange={(e) => onChange({ preShowMinutes: e.target.value })} aria-invalid={Boolean(length.preShowError)} aria-describedby={describedBy("wizard-preshow", length.preShowError, "ads")} />
          </Field>
          <div className="space-y-1">
            <p className="text-sm font-medium text-stone-800">Each show lasts</p>
            <p className="py-2 text-sm font-semibold tabular-nums text-stone-900" data-testid="show-length">
              {length.minutes ? `${formatMinutes(length.minutes)} (${length.minutes} min)` : "—"}
            </p>
            <p className="text-xs text-stone-500">Plus each theater&apos;s turnover before the next show</p>
          </div>
        </div>
        {durationIssue && !length.runtimeError && !length.preShowError && (
          <p role="alert" className="mt-2 text-xs text-red-700">
            {durationIssue}
          </p>
        )}
      </section>

      <section aria-labelledby="dates-heading" className="rounded-lg border border-stone-200 bg-white p-4">
        <h3 id="dates-heading" className="mb-3 text-sm font-semibold text-stone-900">
          Dates <span className="font-normal text-stone-500">(each theater&apos;s local calendar)</span>
        </h3>
        <div className="grid grid-cols-2 gap-3 sm:max-w-md">
          <Field id="wizard-date-from" label="First day" error={issueFor(plan.issues, "dateFrom")}>
            <Input
              id="wizard-date-from"
              type="date"
              required
              value={draft.dateFrom}
              onChange={(e) => onChange({ dateFrom: e.target.value, ...(draft.dateTo && e.target.value > draft.dateTo ? { dateTo: e.target.value } : {}) })}
              aria-invalid={Boolean(issueFor(plan.issues, "dateFrom"))}
              aria-describedby={describedBy("wizard-date-from", issueFor(plan.issues, "dateFrom"))}
            />
          </Field>
          <Field id="wizard-date-to" label="Last day" error={issueFor(plan.issues, "dateTo")}>
            <Input
              id="wizard-date-to"
              type="date"
              required
              min={draft.dateFrom || undefined}
              value={draft.dateTo}
              onChange={(e) => onChange({ dateTo: e.target.value })}
              aria-invalid={Boolean(issueFor(plan.issues, "dateTo"))}
              aria-describedby={describedBy("wizard-date-to", issueFor(plan.issues, "dateTo"))}
            />
          </Field>
        </div>
        {plan.dates.length > 0 && (
          <p className="mt-2 text-xs text-stone-600">
            {plan.dates.length} day{plan.dates.length === 1 ? "" : "s"}: {dayLabel(plan.dates[0]!)}
            {plan.dates.length > 1 && ` – ${dayLabel(plan.dates.at(-1)!)}`}
          </p>
        )}
      </section>

      <section aria-labelledby="times-heading" className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
        <h3 id="times-heading" className="text-sm font-semibold text-stone-900">
          Times of day <span className="font-normal text-stone-500">(on each theater&apos;s clock)</span>
        </h3>
        {theaters.length > 1 && (
          <fieldset>
            <legend className="sr-only">Which times</legend>
            <div className="flex flex-col gap-2 text-sm sm:flex-row sm:gap-5">
              <label className="flex items-center gap-2">
                <input type="radio" name="wizard-times-mode" checked={draft.mode === "shared"} onChange={() => onChange({ mode: "shared" })} className="h-4 w-4 accent-brand-600" />
                The same times in every theater
              </label>
              <label className="flex items-center gap-2">
                <input
                  type="radio"
                  name="wizard-times-mode"
                  checked={draft.mode === "perTheater"}
                  onChange={() =>
                    onChange({
                      mode: "perTheater",
                      // Start each theater's list from the shared one, unless it already has its own.
                      timesByTheater: Object.fromEntries(theaters.map((t) => [t.id, draft.timesByTheater[t.id]?.length ? draft.timesByTheater[t.id]! : [...draft.sharedTimes]])),
                    })
                  }
                  className="h-4 w-4 accent-brand-600"
                />
                Different times per theater
              </label>
            </div>
          </fieldset>
        )}
        {draft.mode === "shared" || theaters.length === 1 ? (
          <TimeList idPrefix="wizard-time" legend={theaters.length > 1 ? "Start times for all theaters" : "Start times"} times={draft.sharedTimes} error={issueFor(plan.issues, "times")} suggestAfter={suggestAfter} onChange={(sharedTimes) => onChange({ sharedTimes })} />
        ) : (
          <div className="space-y-4">
            {theaters.map((t) => (
              <TimeList
                key={t.id}
                idPrefix={`wizard-time-${t.id}`}
                legend={`${t.name} (${t.timeZone})`}
                times={draft.timesByTheater[t.id] ?? []}
                error={issueFor(plan.issues, `times.${t.id}`)}
                suggestAfter={suggestAfter}
                onChange={(list) => onChange({ timesByTheater: { ...draft.timesByTheater, [t.id]: list } })}
              />
            ))}
          </div>
        )}
      </section>

      <Preview plan={plan} check={check} existing={existing} existingState={existingState} serverErrors={serverErrors} movieTitle={movieTitle} issues={showIssues} now={now} />
    </div>
  );
}

function Preview({
  plan,
  check,
  existing,
  existingState,
  serverErrors,
  movieTitle,
  issues,
  now,
}: {
  plan: StartPlan;
  check: PlanCheck;
  existing: TimelineShowtime[];
  existingState: "loading" | "error" | "ready";
  serverErrors: ServerFieldErrors | null;
  movieTitle: string;
  issues: FormIssue[];
  now: Date;
}) {
  const [showTimeline, setShowTimeline] = useState(true);
  const clashes = check.conflictsWithExisting + check.overlaps + check.problems;
  const timelineDates = plan.dates.slice(0, TIMELINE_DAYS);
  return (
    <section aria-labelledby="preview-heading" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id="preview-heading" className="text-base font-semibold text-stone-900">
          Preview
        </h3>
        <p className="text-sm text-stone-700" aria-live="polite" data-testid="plan-summary">
          <strong className="tabular-nums">{plan.total}</strong> new showtime{plan.total === 1 ? "" : "s"} in {plan.theaters.length} theater{plan.theaters.length === 1 ? "" : "s"}
          {clashes > 0 && (
            <span className="text-red-700">
              {" "}
              · <strong className="tabular-nums">{clashes}</strong> need{clashes === 1 ? "s" : ""} attention
            </span>
          )}
        </p>
      </div>
      {existingState === "loading" && <Notice>Loading existing showtimes to check for conflicts…</Notice>}
      {existingState === "error" && <Notice tone="warning">Existing showtimes could not be loaded, so conflicts cannot be shown here. The server still checks them when you submit.</Notice>}
      {check.problems > 0 && (
        <Notice tone="warning">
          {check.problems} start time{check.problems === 1 ? "" : "s"} cannot be used (highlighted): {check.problems === 1 ? "it does" : "they do"} not exist on the theater&apos;s clock or {check.problems === 1 ? "has" : "have"} passed.
        </Notice>
      )}
      {check.overlaps > 0 && <Notice tone="warning">{check.overlaps} new start times overlap each other in the same theater (show plus turnover). Space them out.</Notice>}
      {check.conflictsWithExisting > 0 && (
        <Notice tone="warning">
          {check.conflictsWithExisting} new start time{check.conflictsWithExisting === 1 ? "" : "s"} collide{check.conflictsWithExisting === 1 ? "s" : ""} with existing showtimes (highlighted). The server will refuse the whole batch unless you change {check.conflictsWithExisting === 1 ? "it" : "them"}.
        </Notice>
      )}
      {issues.length > 0 && plan.total === 0 && (
        <ul className="list-inside list-disc text-sm text-stone-600">
          {issues.map((i) => (
            <li key={i.field}>{i.message}</li>
          ))}
        </ul>
      )}

      {plan.theaters.map(({ theater, starts }) =>
        starts.length ? <TheaterStarts key={theater.id} theater={theater} starts={starts} check={check} serverErrors={serverErrors} /> : null,
      )}

      {plan.dates.length > 0 && (
        <div className="space-y-2">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h4 className="text-sm font-semibold text-stone-900">Timeline of the chosen days</h4>
            <Button variant="ghost" size="sm" aria-expanded={showTimeline} onClick={() => setShowTimeline(!showTimeline)}>
              {showTimeline ? "Hide timeline" : "Show timeline"}
            </Button>
          </div>
          {plan.dates.length > TIMELINE_DAYS && <p className="text-xs text-stone-500">The first {TIMELINE_DAYS} of {plan.dates.length} days; the table above lists every start.</p>}
          {showTimeline && <Timeline rows={buildTimeline({ theaters: plan.theaters.map((p) => p.theater), dates: timelineDates, existing, plan, check, newTitle: movieTitle })} now={now} caption="New and existing showtimes" />}
        </div>
      )}
    </section>
  );
}

function TheaterStarts({ theater, starts, check, serverErrors }: { theater: PlanTheater; starts: PlannedStart[]; check: PlanCheck; serverErrors: ServerFieldErrors | null }) {
  const [expanded, setExpanded] = useState(false);
  const shown = expanded ? starts : starts.slice(0, ROWS_SHOWN);
  const theaterError = serverErrors?.byTheater[theater.id];
  const headingId = `starts-${theater.id}`;
  return (
    <div className="rounded-lg border border-stone-200 bg-white">
      <h4 id={headingId} className="border-b border-stone-100 px-3 py-2 text-sm font-semibold text-stone-900">
        {theater.name} <span className="font-normal text-stone-500">· {starts.length} start{starts.length === 1 ? "" : "s"} · {theater.timeZone}</span>
      </h4>
      {theaterError && (
        <p role="alert" className="px-3 pt-2 text-sm text-red-700">
          {theaterError}
        </p>
      )}
      <div className="relative overflow-x-auto">
        <table className="w-full text-left text-sm" aria-labelledby={headingId}>
          <thead className="bg-stone-50 text-xs uppercase tracking-wide text-stone-600">
            <tr>
              <th scope="col" className="px-2 py-2 font-medium sm:px-3">
                Day
              </th>
              <th scope="col" className="px-2 py-2 font-medium sm:px-3">
                Starts–ends
              </th>
              <th scope="col" className="w-full px-2 py-2 font-medium sm:px-3">
                Check
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {shown.map((s) => {
              const verdict = verdictFor(s, check, serverErrors, theater.timeZone, starts);
              return (
                <tr key={s.key} className={verdict.bad ? "bg-red-50" : undefined} data-conflict={verdict.bad ? "true" : undefined} data-testid="planned-start">
                  <td className="whitespace-nowrap px-2 py-1.5 align-top text-stone-700 sm:px-3">{dayLabel(s.date)}</td>
                  <td className="whitespace-nowrap px-2 py-1.5 align-top tabular-nums text-stone-700 sm:px-3">
                    <span className={`font-medium ${verdict.bad ? "text-red-800" : "text-stone-900"}`}>{s.time}</span>
                    {s.endsAtWall ? (
                      <>
                        –{s.endsAtWall.time}
                        {s.endsAtWall.date !== s.date && <span className="text-xs text-stone-500"> (+1 day)</span>}
                      </>
                    ) : null}
                  </td>
                  <td className={`min-w-[9rem] px-2 py-1.5 align-top sm:px-3 ${verdict.bad ? "text-red-800" : "text-emerald-800"}`}>
                    {verdict.bad ? (
                      <span>
                        <span aria-hidden>⚠ </span>
                        {verdict.text}
                      </span>
                    ) : (
                      <span>
                        <span aria-hidden>✓ </span>Free
                      </span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {starts.length > ROWS_SHOWN && (
        <div className="border-t border-stone-100 px-3 py-2">
          <Button variant="ghost" size="sm" onClick={() => setExpanded(!expanded)} aria-expanded={expanded}>
            {expanded ? `Show the first ${ROWS_SHOWN}` : `Show all ${starts.length}`}
          </Button>
          {!expanded && <span className="ml-2 text-xs text-stone-500">{starts.slice(ROWS_SHOWN).filter((s) => verdictFor(s, check, serverErrors, theater.timeZone, starts).bad).length} of the hidden ones need attention</span>}
        </div>
      )}
    </div>
  );
}

/** "10:00–13:11" when the show is on the row's day, the full "Tue 24 Nov, 23:40–02:51 (Wed 25 Nov)" otherwise. */
function rangeOnDay(startIso: string, endIso: string, zone: string, date: string): string {
  const full = formatRangeInZone(startIso, endIso, zone);
  const prefix = `${dayLabel(date)}, `;
  return full.startsWith(prefix) ? full.slice(prefix.length) : full;
}

function verdictFor(s: PlannedStart, check: PlanCheck, serverErrors: ServerFieldErrors | null, zone: string, starts: PlannedStart[]): { bad: boolean; text: string } {
  if (s.problem) return { bad: true, text: describeProblem(s.problem, s, zone) };
  const server = serverErrors?.byStart[s.key];
  if (server) return { bad: true, text: server };
  const c = check.byKey.get(s.key);
  if (!c) return { bad: false, text: "" };
  const parts: string[] = [];
  const seen = new Set<string>();
  for (const e of [...c.hitsExisting, ...c.serverConflicts]) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    parts.push(`Conflicts with ${e.movieTitle} ${rangeOnDay(e.startTime, e.endTime, zone, s.date)}`);
  }
  if (c.overlapsRequested.length) {
    const others = c.overlapsRequested.map((k) => starts.find((o) => o.key === k)).filter((o): o is PlannedStart => Boolean(o));
    parts.push(`Overlaps the new ${others.map((o) => (o.date === s.date ? o.time : `${dayLabel(o.date)} ${o.time}`)).join(", ")}`);
  }
  return parts.length ? { bad: true, text: parts.join("; ") } : { bad: false, text: "" };
}
