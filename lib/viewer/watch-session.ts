/**
 * The simulated player on the movie page, as pure state: the clock is passed in, so tests need no
 * timers. The film runs `speed` times faster than real time. Each report covers what was played
 * since the last one, so summing the watch events of a session gives the time watched once.
 */
export interface WatchSession {
  runtimeSeconds: number;
  speed: number;
  positionSeconds: number;
  playing: boolean;
  /** Real time (ms) the position was last brought up to date, while playing. */
  lastTickMs: number | null;
  /** Film seconds played since the last report. */
  unreportedSeconds: number;
  /** Position at the last report; a report is due when it moved or time was played. */
  reportedPositionSeconds: number;
  finished: boolean;
}

export interface WatchReport {
  /** Film seconds played since the previous report, whole seconds. */
  watchDuration: number;
  /** Where the viewer is now, 0–100 with one decimal. */
  progressPercent: number;
}

export function startWatchSession(options: { runtimeSeconds: number; speed: number; positionSeconds?: number }): WatchSession {
  const runtimeSeconds = Math.max(1, options.runtimeSeconds);
  const positionSeconds = clamp(options.positionSeconds ?? 0, 0, runtimeSeconds);
  return {
    runtimeSeconds,
    speed: Math.max(0.1, options.speed),
    positionSeconds,
    playing: false,
    lastTickMs: null,
    unreportedSeconds: 0,
    reportedPositionSeconds: positionSeconds,
    finished: positionSeconds >= runtimeSeconds,
  };
}

/** Brings the position up to `nowMs`; reaching the end stops playback and finishes the session. */
export function advance(s: WatchSession, nowMs: number): WatchSession {
  if (!s.playing || s.lastTickMs === null) return s;
  const elapsed = Math.max(0, nowMs - s.lastTickMs) / 1000;
  const played = Math.min(elapsed * s.speed, s.runtimeSeconds - s.positionSeconds);
  const positionSeconds = s.positionSeconds + played;
  const finished = positionSeconds >= s.runtimeSeconds;
  return { ...s, positionSeconds, unreportedSeconds: s.unreportedSeconds + played, lastTickMs: finished ? null : nowMs, playing: !finished, finished };
}

/** Starts or resumes; a finished film starts again from the beginning. */
export function play(s: WatchSession, nowMs: number): WatchSession {
  if (s.playing) return advance(s, nowMs);
  const restart = s.finished;
  return { ...s, playing: true, lastTickMs: nowMs, finished: false, positionSeconds: restart ? 0 : s.positionSeconds };
}

export function pause(s: WatchSession, nowMs: number): WatchSession {
  const current = advance(s, nowMs);
  return { ...current, playing: false, lastTickMs: null };
}

/** Jumps to the end: what was played so far counts, the skipped part does not. */
export function skipToEnd(s: WatchSession, nowMs: number): WatchSession {
  const current = advance(s, nowMs);
  return { ...current, positionSeconds: current.runtimeSeconds, playing: false, lastTickMs: null, finished: true };
}

export function progressPercent(s: WatchSession): number {
  return Math.round((s.positionSeconds / s.runtimeSeconds) * 1000) / 10;
}

/**
 * What to send now, and the session with it marked as sent. Nothing is due (null) when no time
 * was played and the position has not moved since the last report.
 */
export function takeReport(s: WatchSession, nowMs: number): { report: WatchReport | null; session: WatchSession } {
  const current = advance(s, nowMs);
  const watchDuration = Math.round(current.unreportedSeconds);
  const moved = Math.abs(current.positionSeconds - current.reportedPositionSeconds) >= 1;
  if (watchDuration === 0 && !moved) return { report: null, session: current };
  return {
    report: { watchDuration, progressPercent: progressPercent(current) },
    session: { ...current, unreportedSeconds: 0, reportedPositionSeconds: current.positionSeconds },
  };
}

/** "1:02:03" for an hour or more, else "12:05". */
export function formatClock(totalSeconds: number): string {
  const t = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = String(t % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

function clamp(value: number, min: number, max: number) {
  return Math.min(max, Math.max(min, value));
}
