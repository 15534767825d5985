/**
 * Wall-clock times in a theater's IANA time zone ↔ instants, without a date library.
 * Pure and safe to use in the browser: the wizard takes local times, the API takes instants.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(zone, f);
  }
  return f;
}

export interface WallTime {
  date: string; // YYYY-MM-DD
  time: string; // HH:mm
}

/** The wall-clock date and time an instant shows in a zone. */
export function toWallTime(instant: Date, zone: string): WallTime {
  const parts = Object.fromEntries(formatterFor(zone).formatToParts(instant).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** Minutes the zone is ahead of UTC at that instant. */
export function offsetMinutes(instant: Date, zone: string): number {
  const parts = Object.fromEntries(formatterFor(zone).formatToParts(instant).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

export type ZonedResult = { ok: true; instant: Date } | { ok: false; reason: "invalid" | "nonexistent" };

/**
 * The instant a wall-clock time in a zone stands for. A time skipped by a daylight-saving jump
 * ("02:30" on a spring-forward night) does not exist and is refused; a time that happens twice
 * (autumn) is taken at its first occurrence.
 */
export function fromWallTime(wall: WallTime, zone: string): ZonedResult {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(wall.date);
  const t = /^(\d{2}):(\d{2})$/.exec(wall.time);
  if (!d || !t) return { ok: false, reason: "invalid" };
  const [y, mo, da, h, mi] = [+d[1]!, +d[2]!, +d[3]!, +t[1]!, +t[2]!];
  if (mo < 1 || mo > 12 || da < 1 || da > 31 || h > 23 || mi > 59) return { ok: false, reason: "invalid" };
  const asUtc = Date.UTC(y, mo - 1, da, h, mi);
  if (new Date(asUtc).getUTCDate() !== da) return { ok: false, reason: "invalid" };
  // The offset can differ on either side of a transition: try both and keep those that read back.
  const candidates = new Set<number>();
  for (const probe of [asUtc - 36 * 3600_000, asUtc, asUtc + 36 * 3600_000]) {
    candidates.add(asUtc - offsetMinutes(new Date(probe), zone) * 60_000);
  }
  const matches = [...candidates].filter((c) => {
    const back = toWallTime(new Date(c), zone);
    return back.date === wall.date && back.time === wall.time;
  });
  if (matches.length === 0) return { ok: false, reason: "nonexistent" };
  return { ok: true, instant: new Date(Math.min(...matches)) };
}

/** "2026-03-29T02:30:00+02:00": an instant written with the zone's offset at that moment. */
export function toIsoWithOffset(instant: Date, zone: string): string {
  const offset = offsetMinutes(instant, zone);
  const local = new Date(instant.getTime() + offset * 60_000);
  const sign = offset >= 0 ? "+" : "-";
  const abs = Math.abs(offset);
  return `${local.toISOString().slice(0, 19)}${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** Every date from `from` to `to` inclusive, as YYYY-MM-DD. */
export function datesBetween(from: string, to: string, maxDays = 366): string[] {
  const start = Date.parse(`${from}T00:00:00Z`);
  const end = Date.parse(`${to}T00:00:00Z`);
  if (Number.isNaN(start) || Number.isNaN(end) || end < start) return [];
  const days: string[] = [];
  for (let t = start; t <= end && days.length < maxDays; t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** Today's date on a zone's clock. */
export function todayIn(zone: string, now: Date): string {
  return toWallTime(now, zone).date;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const weekdayFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short" });

/** "Mon 7 Dec" for a YYYY-MM-DD date, whatever the browser's zone. */
export function dayLabel(date: string): string {
  return weekdayFormat.format(new Date(`${date}T12:00:00Z`)).replace(",", "");
}

/** An instant on a zone's clock: "Mon 7 Dec, 19:30". */
export function formatInZone(iso: string | Date, zone: string): string {
  const w = toWallTime(typeof iso === "string" ? new Date(iso) : iso, zone);
  return `${dayLabel(w.date)}, ${w.time}`;
}

/** "19:30–21:45" with the end's day when it differs ("19:30–00:15 (Tue 8 Dec)"). */
export function formatRangeInZone(startIso: string | Date, endIso: string | Date, zone: string): string {
  const s = toWallTime(typeof startIso === "string" ? new Date(startIso) : startIso, zone);
  const e = toWallTime(typeof endIso === "string" ? new Date(endIso) : endIso, zone);
  return `${dayLabel(s.date)}, ${s.time}–${e.time}${e.date !== s.date ? ` (${dayLabel(e.date)})` : ""}`;
}
