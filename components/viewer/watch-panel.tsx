"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { newRequestId } from "@/lib/viewer/request-id";
import { advance, formatClock, pause, play, progressPercent, skipToEnd, startWatchSession, takeReport, type WatchSession } from "@/lib/viewer/watch-session";
import { failureMessage, sendEvent, sendEventOnExit } from "./send-event";

/** The film runs this many times faster than real time: a minute of film per second. */
export const PLAYBACK_SPEED = 60;
const DEFAULT_RUNTIME_MINUTES = 90;
const TICK_MS = 250;

type Status = { tone: "info" | "error"; text: string } | null;

/**
 * A simulated player. Pausing, finishing, skipping to the end and leaving the page each send a
 * watch event with the film time played since the last one and where the viewer got to; all
 * events of one visit share a sessionId.
 */
export function WatchPanel({
  userId,
  movieId,
  title,
  runtimeMinutes,
  resumeAtPercent,
}: {
  userId: string;
  movieId: string;
  title: string;
  runtimeMinutes: number | null;
  /** Where the viewer stopped last time; a film they finished starts from the beginning. */
  resumeAtPercent: number | null;
}) {
  const runtimeSeconds = (runtimeMinutes ?? DEFAULT_RUNTIME_MINUTES) * 60;
  const [initial] = useState(() =>
    startWatchSession({ runtimeSeconds, speed: PLAYBACK_SPEED, positionSeconds: resumeAtPercent !== null && resumeAtPercent < 100 ? (resumeAtPercent / 100) * runtimeSeconds : 0 }),
  );
  // The ref is what event handlers read and write; `view` is its copy for rendering.
  const sessionRef = useRef<WatchSession>(initial);
  const sessionIdRef = useRef<string | null>(null);
  const [view, setView] = useState<WatchSession>(initial);
  const [status, setStatus] = useState<Status>(null);

  const update = useCallback((next: WatchSession) => {
    sessionRef.current = next;
    setView(next);
  }, []);

  const report = useCallback(
    (how: "wait" | "exit") => {
      const { report: due, session } = takeReport(sessionRef.current, Date.now());
      sessionRef.current = session;
      if (!due) return;
      sessionIdRef.current ??= newRequestId("session");
      const body = {
        requestId: newRequestId("watch"),
        userId,
        movieId,
        clientTimestamp: new Date().toISOString(),
        metadata: { ...due, device: "web", sessionId: sessionIdRef.current },
      };
      if (how === "exit") return sendEventOnExit("watch", body);
      sendEvent("watch", body).then(
        () => setStatus({ tone: "info", text: `Saved: ${formatClock(due.watchDuration)} watched, at ${due.progressPercent} %.` }),
        (error: unknown) => setStatus({ tone: "error", text: `Your progress was not saved. ${failureMessage(error)}` }),
      );
    },
    [userId, movieId],
  );

  // While playing, move the clock; reaching the end finishes the film and reports it.
  useEffect(() => {
    if (!view.playing) return;
    const timer = setInterval(() => {
      const next = advance(sessionRef.current, Date.now());
      update(next);
      if (next.finished) report("wait");
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [view.playing, update, report]);

  // Leaving the page (tab hidden, closed, or navigating away in the app) reports what was watched.
  useEffect(() => {
    const onHidden = () => {
      if (document.visibilityState === "hidden") report("exit");
    };
    const onPageHide = () => report("exit");
    document.addEventListener("visibilitychange", onHidden);
    window.addEventListener("pagehide", onPageHide);
    return () => {
      document.removeEventListener("visibilitychange", onHidden);
      window.removeEventListener("pagehide", onPageHide);
      report("exit");
    };
  }, [report]);

  const position = view.positionSeconds;
  const percent = progressPercent(view);
  const clock = `${formatClock(position)} / ${formatClock(runtimeSeconds)}`;

  function togglePlay() {
    setStatus(null);
    if (view.playing) {
      update(pause(sessionRef.current, Date.now()));
      report("wait");
    } else {
      update(play(sessionRef.current, Date.now()));
    }
  }

  function skip() {
    setStatus(null);
    update(skipToEnd(sessionRef.current, Date.now()));
    report("wait");
  }

  const playLabel = view.playing ? "Pause" : view.finished ? "Play again" : position > 0 ? "Resume" : "Play";
  return (
    <section aria-labelledby="watch-heading" className="overflow-hidden rounded-lg border border-stone-200 bg-white shadow-sm">
      <h2 id="watch-heading" className="sr-only">
        Watch {title}
      </h2>
      <div className="relative flex aspect-video max-h-72 w-full items-center justify-center bg-linear-to-br from-stone-900 via-stone-800 to-stone-700 text-white">
        <button
          type="button"
          onClick={togglePlay}
          className="grid h-16 w-16 place-items-center rounded-full bg-white/15 ring-1 ring-white/40 backdrop-blur transition hover:bg-white/25 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white"
          aria-label={`${playLabel} ${title}`}
        >
          {view.playing ? <PauseIcon /> : <PlayIcon />}
        </button>
        <p className="absolute bottom-3 left-4 right-4 truncate text-sm text-white/80">
          {view.finished ? "The end." : view.playing ? `Now playing: ${title}` : position > 0 ? `${title} — paused at ${formatClock(position)}` : title}
        </p>
        <p className="absolute right-3 top-3 rounded bg-black/40 px-1.5 py-0.5 text-xs text-white/80">{PLAYBACK_SPEED}× speed</p>
      </div>
      <div className="space-y-3 p-4">
        <div
          role="progressbar"
          aria-label="Playback position"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={`${formatClock(position)} of ${formatClock(runtimeSeconds)}`}
          className="h-2 overflow-hidden rounded-full bg-stone-200"
        >
          <div className="h-full rounded-full bg-brand-600 transition-[width] duration-200 ease-linear" style={{ width: `${percent}%` }} />
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <Button onClick={togglePlay} className="min-w-24">
            {playLabel}
          </Button>
          <Button variant="secondary" onClick={skip} disabled={view.finished}>
            Skip to end
          </Button>
          <span className="ml-auto font-mono text-sm tabular-nums text-stone-700" aria-label={`Time: ${formatClock(position)} of ${formatClock(runtimeSeconds)}`}>
            {clock}
          </span>
        </div>
        <p className="text-xs text-stone-500">
          A simulated player at {PLAYBACK_SPEED}× speed (a minute of film per second){runtimeMinutes ? "" : `; the runtime is unknown, so it plays ${DEFAULT_RUNTIME_MINUTES} minutes`}. What you watch is saved when you pause, finish or leave.
        </p>
        <p role="status" className={`text-sm ${status?.tone === "error" ? "text-red-700" : "text-emerald-700"}`}>
          {status?.text}
        </p>
      </div>
    </section>
  );
}

function PlayIcon() {
  return (
    <svg viewBox="0 0 24 24" className="ml-1 h-7 w-7" fill="currentColor" aria-hidden>
      <path d="M7 4.5v15a1 1 0 0 0 1.5.86l12.5-7.5a1 1 0 0 0 0-1.72L8.5 3.64A1 1 0 0 0 7 4.5Z" />
    </svg>
  );
}

function PauseIcon() {
  return (
    <svg viewBox="0 0 24 24" className="h-7 w-7" fill="currentColor" aria-hidden>
      <rect x="6" y="4" width="4" height="16" rx="1" />
      <rect x="14" y="4" width="4" height="16" rx="1" />
    </svg>
  );
}
