import { describe, expect, it } from "vitest";
import { advance, formatClock, pause, play, progressPercent, skipToEnd, startWatchSession, takeReport } from "./watch-session";

// A 100-minute film at 60×: one real second is one minute of film.
const film = () => startWatchSession({ runtimeSeconds: 6000, speed: 60 });

describe("the simulated player", () => {
  it("advances the film at its speed while playing, and not while paused", () => {
    let s = play(film(), 0);
    s = advance(s, 10_000);
    expect(s.positionSeconds).toBe(600);
    expect(progressPercent(s)).toBe(10);
    s = pause(s, 15_000);
    expect(s.positionSeconds).toBe(900);
    expect(advance(s, 60_000).positionSeconds).toBe(900);
  });

  it("reports the time played since the last report, and nothing when nothing happened", () => {
    let s = play(film(), 0);
    s = pause(s, 5_000);
    const first = takeReport(s, 5_000);
    expect(first.report).toEqual({ watchDuration: 300, progressPercent: 5 });
    expect(takeReport(first.session, 9_000).report).toBeNull();
    s = pause(play(first.session, 10_000), 12_000);
    expect(takeReport(s, 12_000).report).toEqual({ watchDuration: 120, progressPercent: 7 });
  });

  it("reports while still playing (leaving the page mid-film) and keeps playing", () => {
    const s = play(film(), 0);
    const { report, session } = takeReport(s, 30_000);
    expect(report).toEqual({ watchDuration: 1800, progressPercent: 30 });
    expect(session.playing).toBe(true);
    expect(takeReport(session, 31_000).report).toEqual({ watchDuration: 60, progressPercent: 31 });
  });

  it("stops at the end and finishes the session", () => {
    const s = advance(play(film(), 0), 200_000);
    expect(s).toMatchObject({ positionSeconds: 6000, playing: false, finished: true });
    expect(takeReport(s, 200_000).report).toEqual({ watchDuration: 6000, progressPercent: 100 });
  });

  it("counts only what was played when skipping to the end", () => {
    let s = play(film(), 0);
    s = skipToEnd(s, 2_000);
    expect(s).toMatchObject({ positionSeconds: 6000, finished: true, playing: false });
    expect(takeReport(s, 2_000).report).toEqual({ watchDuration: 120, progressPercent: 100 });
    // Skipping without playing reports where the viewer got to, with no time watched.
    expect(takeReport(skipToEnd(film(), 0), 0).report).toEqual({ watchDuration: 0, progressPercent: 100 });
  });

  it("starts a finished film again from the beginning", () => {
    const s = play(skipToEnd(film(), 0), 1_000);
    expect(s).toMatchObject({ positionSeconds: 0, playing: true, finished: false });
  });

  it("shows a clock with hours only when needed", () => {
    expect(formatClock(0)).toBe("0:00");
    expect(formatClock(725)).toBe("12:05");
    expect(formatClock(3723)).toBe("1:02:03");
  });
});
