/**
 * The window a device's clock is believed in. A `clientTimestamp` decides the day an event is
 * counted on and where it sits in the user's history; one from years ago or from the future
 * would put it anywhere (and once took the trends listing down). Devices queue events while
 * offline, so the past gets a month; clocks drift, so the future gets a few minutes.
 */
export const CLIENT_TIMESTAMP_MAX_AGE_DAYS = 30;
export const CLIENT_TIMESTAMP_MAX_AHEAD_MINUTES = 5;

export const CLIENT_TIMESTAMP_WINDOW_WORDS = `within the last ${CLIENT_TIMESTAMP_MAX_AGE_DAYS} days and at most ${CLIENT_TIMESTAMP_MAX_AHEAD_MINUTES} minutes ahead of the server's clock`;

/** What is wrong with a client timestamp at server time `now`, or null when it is believable. */
export function clientTimestampProblem(iso: string, now: Date): string | null {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return "Use ISO 8601 with an offset or Z";
  if (at < now.getTime() - CLIENT_TIMESTAMP_MAX_AGE_DAYS * 86_400_000) return `More than ${CLIENT_TIMESTAMP_MAX_AGE_DAYS} days ago: must be ${CLIENT_TIMESTAMP_WINDOW_WORDS}`;
  if (at > now.getTime() + CLIENT_TIMESTAMP_MAX_AHEAD_MINUTES * 60_000) return `In the future: must be ${CLIENT_TIMESTAMP_WINDOW_WORDS}`;
  return null;
}
