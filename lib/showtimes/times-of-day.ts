/** Times of day as the wizard's form takes them: "19:30" on a theater's own clock. */

export const MINUTES_PER_DAY = 24 * 60;

/** "7:05", "07:05" or "07:05:00" → "07:05"; anything else → null. */
export function parseTimeOfDay(text: string): string | null {
  const m = /^\s*(\d{1,2}):(\d{2})(?::\d{2})?\s*$/.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, "0")}:${String(min).padStart(2, "0")}`;
}

/** The valid times of a list, each once, in clock order. */
export function normalizeTimesOfDay(times: readonly string[]): string[] {
  const valid = new Set<string>();
  for (const t of times) {
    const parsed = parseTimeOfDay(t);
    if (parsed) valid.add(parsed);
  }
  return [...valid].sort();
}

export function addMinutesToTime(time: string, minutes: number): string {
  const parsed = parseTimeOfDay(time);
  if (!parsed) return time;
  const total = (((Number(parsed.slice(0, 2)) * 60 + Number(parsed.slice(3)) + minutes) % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return `${String(Math.floor(total / 60)).padStart(2, "0")}:${String(total % 60).padStart(2, "0")}`;
}
