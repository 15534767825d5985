/**
 * Short forms of a dead letter for the table; the full payload and error are a click away.
 *
 * One line for a dead letter's payload in the table: the event it came from for the events
 * queue, otherwise its first fields. The whole payload is a click away.
 */
export function payloadSummary(queue: string, payload: Record<string, unknown>): string {
  if (queue === "events.process" && "eventId" in payload) {
    const parts = [`${String(payload.type ?? "event")} event #${String(payload.eventId)}`];
    if (payload.userId) parts.push(`user ${String(payload.userId)}`);
    if (payload.movieId) parts.push(`movie ${String(payload.movieId)}`);
    return parts.join(" · ");
  }
  const entries = Object.entries(payload);
  if (!entries.length) return "(empty)";
  const shown = entries.slice(0, 3).map(([k, v]) => `${k}: ${typeof v === "object" && v !== null ? JSON.stringify(v) : String(v)}`);
  const line = shown.join(" · ") + (entries.length > 3 ? ` · +${entries.length - 3} more` : "");
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

const CAUSE_SEPARATOR = " — caused by: ";

/**
 * The part of an error worth reading first. Errors are stored as "message — caused by: cause", and
 * a database error's message is the whole failed query, so the innermost cause says more.
 */
export function errorHeadline(error: string, max = 160): string {
  const parts = error.split(CAUSE_SEPARATOR);
  const headline = (parts.length > 1 ? parts[parts.length - 1]! : error.split("\n")[0]!).trim();
  return headline.length > max ? `${headline.slice(0, max - 1)}…` : headline;
}
