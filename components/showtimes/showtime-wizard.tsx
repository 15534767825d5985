"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useMemo, useRef, useState } from "react";
import { Button, ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { ErrorState, Notice } from "@/components/ui/states";
import { ApiClientError } from "@/lib/client/api-client";
import type { TheaterSummary } from "@/lib/catalog/contract";
import { placeServerFieldErrors, toBatchRequest } from "@/lib/showtimes/batch-request-body";
import { isTerminalStatus, type ConflictingShowtime, type WizardMovie } from "@/lib/showtimes/contract";
import { checkPlan, planStartTimes } from "@/lib/showtimes/start-plan";
import { addDays, dayLabel, todayIn } from "@/lib/showtimes/zoned-time";
import { fetchExistingShowtimes, showtimeKeys, submitBatch } from "./api";
import { BatchProgressPanel } from "./batch-progress";
import { ConflictList } from "./conflict-list";
import { MovieStep } from "./movie-step";
import { TheatersStep } from "./theaters-step";
import { TimelineStep } from "./timeline-step";
import { formatMinutes, showLength, TimesStep, type ServerFieldErrors, type TimesDraft } from "./times-step";
import { useBatchProgress } from "./use-batch-progress";
import { WizardStepper } from "./wizard-stepper";

type Step = 1 | 2 | 3 | 4 | 5;

const STEP_TITLES: Record<Step, string> = {
  1: "Pick a movie",
  2: "Pick theaters",
  3: "Check existing showtimes",
  4: "Enter start times",
  5: "Review and submit",
};

const emptyDraft: TimesDraft = { dateFrom: "", dateTo: "", mode: "shared", sharedTimes: ["19:00"], timesByTheater: {}, runtimeMinutes: "", preShowMinutes: "15" };

/** The clock, ticking once a minute: "not ended" and "in the past" move with it. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** An Idempotency-Key: a UUID where the browser has one (secure contexts), random hex otherwise. */
function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

interface Submission {
  transactionId: string;
  eventsUrl: string;
}

/**
 * The showtime wizard: movie → theaters → existing showtimes → start times → submit, then the
 * batch's live progress. State lives here; the batch itself lives on the server, so its page
 * (linked once submitted) survives a reload.
 */
export function ShowtimeWizard() {
  const queryClient = useQueryClient();
  const now = useNow();
  const [step, setStep] = useState<Step>(1);
  const [movie, setMovie] = useState<WizardMovie | null>(null);
  const [theaters, setTheaters] = useState<TheaterSummary[]>([]);
  const [draft, setDraft] = useState<TimesDraft>(emptyDraft);
  const [submission, setSubmission] = useState<Submission | null>(null);
  const [handledTerminal, setHandledTerminal] = useState<string | null>(null);
  const [refused, setRefused] = useState<{ transactionId: string; conflicts: ConflictingShowtime[] } | null>(null);
  const [serverErrors, setServerErrors] = useState<ServerFieldErrors | null>(null);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // One key per submit attempt; kept for a double click or a retry after a lost response.
  const attempt = useRef<{ key: string; body: string; answered: boolean } | null>(null);
  const inFlight = useRef(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const conflictHeadingId = "wizard-conflicts-heading";

  const theaterIds = theaters.map((t) => t.id);
  const existing = useQuery({
    queryKey: showtimeKeys.existing(theaterIds),
    queryFn: ({ signal }) => fetchExistingShowtimes(theaterIds, signal),
    enabled: theaters.length > 0 && step >= 3,
    staleTime: 30_000,
  });

  const length = showLength(draft);
  const plan = useMemo(
    // One theater has no "per theater" choice: its list is the shared one, whatever was picked before.
    () => planStartTimes(theaters, { dateFrom: draft.dateFrom, dateTo: draft.dateTo, mode: theaters.length > 1 ? draft.mode : "shared", sharedTimes: draft.sharedTimes, timesByTheater: draft.timesByTheater, durationMinutes: length.minutes }, now),
    [theaters, draft, length.minutes, now],
  );
  const check = useMemo(() => checkPlan(plan, existing.data?.items ?? [], refused?.conflicts ?? []), [plan, existing.data, refused]);
  const lengthOk = !length.runtimeError && !length.preShowError;
  const blockedBy = !lengthOk
    ? "Check the length of the show"
    : plan.issues[0]?.message ?? (check.problems ? `${check.problems} start time${check.problems === 1 ? "" : "s"} cannot be used` : check.overlaps ? "Some new start times overlap each other" : serverErrorsPending(serverErrors) ? "Fix the start times the server refused" : plan.total === 0 ? "Add start times" : null);
  const canReview = Boolean(movie) && theaters.length > 0 && !blockedBy;

  const { progress, streamState } = useBatchProgress(submission?.transactionId ?? null, submission?.eventsUrl);
  const running = Boolean(submission && (!progress || !isTerminalStatus(progress.status)));

  // A refused batch sends the admin back to the times, with every conflict shown (adjusting state while rendering).
  if (submission && progress && isTerminalStatus(progress.status) && handledTerminal !== submission.transactionId) {
    setHandledTerminal(submission.transactionId);
    if (progress.status === "failed") {
      setRefused({ transactionId: submission.transactionId, conflicts: progress.conflictingShowtimes ?? [] });
      setSubmission(null);
      setStep(4);
    }
  }

  // Move focus to the new step's heading (or to the conflicts) so keyboard and screen-reader users follow.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const conflicts = step === 4 ? document.getElementById(conflictHeadingId) : null;
    (conflicts ?? headingRef.current)?.focus();
  }, [step, refused]);

  // Leaving with unsent work asks first; a submitted batch runs on without this page.
  const dirty = Boolean(movie) && !submission;
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  function changeDraft(patch: Partial<TimesDraft>) {
    setDraft((d) => ({ ...d, ...patch }));
    setServerErrors(null);
    setSubmitError(null);
  }

  function chooseMovie(next: WizardMovie) {
    setMovie(next);
    setDraft((d) => ({ ...d, runtimeMinutes: next.runtimeMinutes ? String(next.runtimeMinutes) : "" }));
    setRefused(null);
  }

  function chooseTheaters(next: TheaterSummary[]) {
    setTheaters(next);
    setServerErrors(null);
    setRefused(null);
  }

  function go(next: Step) {
    if (next === 4 && !draft.dateFrom) {
      // Tomorrow on the first theater's clock: a date range that is all in the future.
      const tomorrow = addDays(todayIn(theaters[0]?.timeZone ?? "UTC", now), 1);
      setDraft((d) => ({ ...d, dateFrom: tomorrow, dateTo: tomorrow }));
    }
    if (next === 5 && submission && progress && isTerminalStatus(progress.status)) setSubmission(null);
    setStep(next);
  }

  function startOver() {
    setSubmission(null);
    setRefused(null);
    setServerErrors(null);
    setSubmitError(null);
    setMovie(null);
    setTheaters([]);
    setDraft(emptyDraft);
    attempt.current = null;
    setStep(1);
  }

  async function submit() {
    if (inFlight.current || !movie) return;
    const built = toBatchRequest(movie.id, plan, length.minutes);
    if (!built.ok) {
      setSubmitError(built.reason);
      return;
    }
    const body = JSON.stringify(built.body);
    if (!attempt.current || attempt.current.answered || attempt.current.body !== body) attempt.current = { key: newIdempotencyKey(), body, answered: false };
    const current = attempt.current;
    inFlight.current = true;
    setSubmitting(true);
    setSubmitError(null);
    setServerErrors(null);
    try {
      const accepted = await submitBatch(built.body, current.key);
      current.answered = true;
      setRefused(null);
      setSubmission({ transactionId: accepted.transactionId, eventsUrl: accepted.eventsUrl });
    } catch (error) {
      if (error instanceof ApiClientError && error.status !== 0) {
        current.answered = true;
        const placed = placeServerFieldErrors(error.fields, built.keysByTheater);
        if (error.status === 400 && (Object.keys(placed.byStart).length || Object.keys(placed.byTheater).length)) {
          setServerErrors(placed);
          setSubmitError(error.message);
          setStep(4);
        } else setSubmitError(error.message);
      } else {
        // No answer: the same key makes a second try safe.
        setSubmitError(error instanceof Error ? error.message : "Could not submit. Try again.");
      }
    } finally {
      inFlight.current = false;
      setSubmitting(false);
    }
  }

  const steps = [
    { n: 1, label: "Movie", summary: movie?.title, reachable: true },
    { n: 2, label: "Theaters", summary: theaters.length ? `${theaters.length} selected` : undefined, reachable: Boolean(movie) },
    { n: 3, label: "Existing showtimes", reachable: Boolean(movie) && theaters.length > 0 },
    { n: 4, label: "Start times", summary: step > 4 || plan.total ? `${plan.total} showtimes` : undefined, reachable: Boolean(movie) && theaters.length > 0 },
    { n: 5, label: "Submit", reachable: canReview || Boolean(submission) },
  ];
  const zoneOf = (id: string) => theaters.find((t) => t.id === id)?.timeZone;
  const totalTickets = plan.theaters.reduce((n, p) => n + p.starts.length * (theaters.find((t) => t.id === p.theater.id)?.seatCount ?? 0), 0);

  return (
    <div className="space-y-5">
      <PageHeader
        title="Schedule showtimes"
        description="Create many showtimes at once: one movie, several theaters, every start time on the theater's own clock."
        actions={
          <ButtonLink href="/admin/showtimes/batches" variant="secondary">
            Batch history
          </ButtonLink>
        }
      />
      <WizardStepper steps={steps} current={step} onGo={(n) => go(n as Step)} locked={running} />

      <section aria-labelledby="wizard-step-heading" className="space-y-4">
        <h2 id="wizard-step-heading" ref={headingRef} tabIndex={-1} className="text-lg font-semibold text-stone-900 focus:outline-none">
          <span className="text-stone-500">Step {step} of 5 · </span>
          {STEP_TITLES[step]}
        </h2>

        {step === 1 && <MovieStep selected={movie} onSelect={chooseMovie} />}
        {step === 2 && <TheatersStep selected={theaters} onChange={chooseTheaters} />}
        {step === 3 && <TimelineStep theaters={theaters} existing={existing} now={now} />}
        {step === 4 && movie && (
          <>
            {refused && refused.conflicts.length > 0 && (
              <div className="space-y-2">
                <ConflictList conflicts={refused.conflicts} zoneOf={zoneOf} headingId={conflictHeadingId} />
                <p className="text-xs text-stone-600">
                  The refused batch is kept in the history:{" "}
                  <Link href={`/admin/showtimes/batches/${refused.transactionId}`} className="font-medium text-brand-700 hover:underline">
                    view it
                  </Link>
                  .
                </p>
              </div>
            )}
            {submitError && <ErrorState title="The batch was not accepted" message={submitError} />}
            {serverErrors && serverErrors.other.length > 0 && (
              <ul className="list-inside list-disc text-sm text-red-700">
                {serverErrors.other.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            )}
            <TimesStep
              theaters={theaters}
              movieTitle={movie.title}
              movieRuntimeKnown={Boolean(movie.runtimeMinutes)}
              draft={draft}
              onChange={changeDraft}
              plan={plan}
              check={check}
              existing={existing.data?.items ?? []}
              existingState={existing.isPending ? "loading" : existing.isError && !existing.data ? "error" : "ready"}
              serverErrors={serverErrors}
              now={now}
            />
          </>
        )}
        {step === 5 && movie && (
          <div className="space-y-4">
            {!submission ? (
              <>
                <dl className="grid gap-x-6 gap-y-3 rounded-lg border border-stone-200 bg-white p-4 text-sm sm:grid-cols-2">
                  <Summary label="Movie">{movie.title}</Summary>
                  <Summary label="Each show">
                    {formatMinutes(length.minutes)} ({draft.runtimeMinutes} min + {draft.preShowMinutes || 0} min pre-show)
                  </Summary>
                  <Summary label="Theaters">{theaters.map((t) => `${t.name} (${t.timeZone})`).join(", ")}</Summary>
                  <Summary label="Days">
                    {plan.dates.length} · {dayLabel(plan.dates[0] ?? draft.dateFrom)}
                    {plan.dates.length > 1 && ` – ${dayLabel(plan.dates.at(-1)!)}`}
                  </Summary>
                  <Summary label="Times of day">
                    {draft.mode === "shared" || theaters.length === 1 ? plan.theaters[0]?.times.join(", ") : plan.theaters.map((p) => `${p.theater.name}: ${p.times.join(", ")}`).join(" · ")}
                  </Summary>
                  <Summary label="To create">
                    <strong className="tabular-nums" data-testid="review-total">
                      {plan.total}
                    </strong>{" "}
                    showtimes, about {totalTickets.toLocaleString("en-US")} tickets
                  </Summary>
                </dl>
                {check.conflictsWithExisting > 0 && (
                  <Notice tone="warning">
                    {check.conflictsWithExisting} start time{check.conflictsWithExisting === 1 ? "" : "s"} collide{check.conflictsWithExisting === 1 ? "s" : ""} with existing showtimes. The server checks again and will refuse the batch if they still do.{" "}
                    <button type="button" className="font-medium underline" onClick={() => go(4)}>
                      Change the times
                    </button>
                  </Notice>
                )}
                {submitError && <ErrorState title="Could not submit" message={submitError} />}
                <div className="flex flex-wrap gap-2">
                  <Button variant="secondary" onClick={() => go(4)} disabled={submitting}>
                    Back
                  </Button>
                  <Button onClick={() => void submit()} disabled={submitting || !canReview} aria-describedby={!canReview ? "wizard-submit-blocked" : undefined}>
                    {submitting ? "Submitting…" : `Create ${plan.total} showtime${plan.total === 1 ? "" : "s"}`}
                  </Button>
                </div>
                {!canReview && (
                  <p id="wizard-submit-blocked" className="text-sm text-red-700">
                    {blockedBy ?? "Some start times need attention first."}
                  </p>
                )}
              </>
            ) : (
              <>
                {progress ? <BatchProgressPanel progress={progress} streamState={streamState} /> : <Notice>Batch accepted. Connecting to its progress…</Notice>}
                {progress?.status === "succeeded" && (
                  <Notice tone="success">
                    Created <strong data-testid="created-showtimes">{progress.createdShowtimes.toLocaleString("en-US")}</strong> showtimes and{" "}
                    <strong data-testid="created-tickets">{progress.createdTickets.toLocaleString("en-US")}</strong> tickets for {movie.title}.
                  </Notice>
                )}
                {progress?.status === "error" && (
                  <ErrorState
                    title="The batch failed and nothing was created"
                    message={progress.message ?? "Try again."}
                    action={
                      <Button variant="secondary" size="sm" onClick={() => setSubmission(null)}>
                        Review and submit again
                      </Button>
                    }
                  />
                )}
                <p className="text-sm text-stone-600">
                  {running ? "You can leave this page: the batch keeps running. " : ""}
                  <Link href={`/admin/showtimes/batches/${submission.transactionId}`} className="font-medium text-brand-700 hover:underline">
                    Open this batch&apos;s page
                  </Link>
                </p>
                {progress?.status === "succeeded" && (
                  <div className="flex flex-wrap gap-2">
                    <Button
                      onClick={() => {
                        void queryClient.invalidateQueries({ queryKey: showtimeKeys.existing(theaterIds) });
                        setSubmission(null);
                        setStep(4);
                      }}
                    >
                      More times for this movie
                    </Button>
                    <Button variant="secondary" onClick={startOver}>
                      Start over
                    </Button>
                    <ButtonLink href="/admin/showtimes/batches" variant="ghost">
                      Batch history
                    </ButtonLink>
                  </div>
                )}
              </>
            )}
          </div>
        )}

        {step < 5 && (
          <div className="sticky bottom-0 z-30 -mx-4 flex flex-wrap items-center justify-between gap-2 border-t border-stone-200 bg-stone-50/95 px-4 py-3 backdrop-blur sm:mx-0 sm:rounded-lg sm:border sm:px-3">
            <Button variant="secondary" onClick={() => go((step - 1) as Step)} disabled={step === 1}>
              Back
            </Button>
            <NextHint step={step} movie={movie} theaters={theaters} blockedBy={blockedBy} />
            <Button onClick={() => go((step + 1) as Step)} disabled={!steps[step]!.reachable}>
              {step === 4 ? "Review" : `Next: ${steps[step]!.label.toLowerCase()}`}
            </Button>
          </div>
        )}
      </section>
    </div>
  );
}

function serverErrorsPending(errors: ServerFieldErrors | null): boolean {
  return Boolean(errors && (Object.keys(errors.byStart).length || Object.keys(errors.byTheater).length));
}

function NextHint({ step, movie, theaters, blockedBy }: { step: Step; movie: WizardMovie | null; theaters: TheaterSummary[]; blockedBy: string | null }) {
  const text = step === 1 && !movie ? "Choose a movie to go on" : step === 2 && theaters.length === 0 ? "Choose at least one theater" : step === 4 && blockedBy ? blockedBy : "";
  return text ? <p className="order-last w-full text-xs text-stone-500 sm:order-none sm:w-auto">{text}</p> : null;
}

function Summary({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-stone-500">{label}</dt>
      <dd className="mt-0.5 text-stone-900">{children}</dd>
    </div>
  );
}
