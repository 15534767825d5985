import "server-only";
import { AppError, type FieldErrors } from "@/lib/errors/app-error";
import { MAX_SHOWTIMES_PER_BATCH, type CreateBatchInput } from "./contract";
import { overlapsWithinRequest, planSlot, type Slot } from "./conflicts";

/** Start instants per theater, each list sorted; the shared list applies where no own list is given. */
export function startTimesPerTheater(input: CreateBatchInput): Record<string, Date[]> {
  const result: Record<string, Date[]> = {};
  for (const id of input.theaterIds) {
    const list = input.startTimesByTheater?.[id] ?? input.startTimes ?? [];
    result[id] = list.map((s) => new Date(s)).sort((a, b) => a.getTime() - b.getTime());
  }
  return result;
}

/** The size limit, checked before anything is looked up: 413 with the limit in the message. */
export function assertBatchSize(input: CreateBatchInput): void {
  const total = Object.values(startTimesPerTheater(input)).reduce((n, list) => n + list.length, 0);
  if (total > MAX_SHOWTIMES_PER_BATCH) {
    throw new AppError("payload_too_large:showtimes", `A batch can create at most ${MAX_SHOWTIMES_PER_BATCH.toLocaleString("en-US")} showtimes; this one would create ${total.toLocaleString("en-US")}. Split it.`, { fields: { startTimes: "Too many showtimes" } });
  }
}

/**
 * The checks that need no database beyond the theaters' turnovers: duplicates, times in the past,
 * overlaps inside the request, and the total size. Throws a 400/413 naming the problem.
 */
export function planBatch(input: CreateBatchInput, turnoverByTheater: Map<string, number>, now: Date): Slot[] {
  const perTheater = startTimesPerTheater(input);
  const fields: FieldErrors = {};
  const fieldFor = (theaterId: string) => (input.startTimesByTheater?.[theaterId] ? `startTimesByTheater.${theaterId}` : "startTimes");

  for (const theaterId of Object.keys(perTheater)) {
    const raw = input.startTimesByTheater?.[theaterId] ?? input.startTimes ?? [];
    const seen = new Map<number, number>();
    raw.forEach((s, i) => {
      const t = new Date(s).getTime();
      if (seen.has(t)) fields[`${fieldFor(theaterId)}.${i}`] ??= `Duplicate of start time ${seen.get(t)! + 1} (${new Date(t).toISOString()})`;
      else seen.set(t, i);
      if (t <= now.getTime()) fields[`${fieldFor(theaterId)}.${i}`] ??= `${s} is in the past`;
    });
  }
  if (Object.keys(fields).length) throw new AppError("bad_request:start_times", describe(fields), { fields });

  const slots = Object.entries(perTheater).flatMap(([theaterId, times]) => times.map((t) => planSlot(theaterId, t, input.durationInMinutes, turnoverByTheater.get(theaterId) ?? 0)));
  const pairs = overlapsWithinRequest(slots);
  if (pairs.length) {
    const overlapFields: FieldErrors = {};
    for (const p of pairs) overlapFields[fieldFor(p.theaterId)] ??= `${p.first.toISOString()} and ${p.second.toISOString()} overlap in theater '${p.theaterId}'`;
    const shown = pairs.slice(0, 5).map((p) => `${p.first.toISOString()} and ${p.second.toISOString()} in theater '${p.theaterId}'`);
    throw new AppError(
      "bad_request:overlapping_start_times",
      `These start times overlap each other (show plus turnover): ${shown.join("; ")}${pairs.length > 5 ? ` and ${pairs.length - 5} more` : ""}`,
      { fields: overlapFields },
    );
  }
  return slots;
}

function describe(fields: FieldErrors): string {
  const entries = Object.entries(fields);
  return entries.length === 1 ? `${entries[0]![0]}: ${entries[0]![1]}` : `${entries.length} start times are invalid, first: ${entries[0]![1]}`;
}

/** Theaters with identical start lists share a group (see BatchRequest). */
export function groupStartTimes(perTheater: Record<string, Date[]>): { theaterIds: string[]; startTimes: string[] }[] {
  const groups = new Map<string, { theaterIds: string[]; startTimes: string[] }>();
  for (const [theaterId, times] of Object.entries(perTheater)) {
    const startTimes = times.map((t) => t.toISOString());
    const key = startTimes.join(",");
    const group = groups.get(key);
    if (group) group.theaterIds.push(theaterId);
    else groups.set(key, { theaterIds: [theaterId], startTimes });
  }
  return [...groups.values()];
}

/** The stored request's start instants per theater. */
export function startTimesOfRequest(request: { startTimeGroups?: { theaterIds: string[]; startTimes: string[] }[]; startTimesByTheater?: Record<string, string[]> }): Record<string, string[]> {
  // Batches stored before start times were grouped kept one list per theater.
  if (!request.startTimeGroups) return request.startTimesByTheater ?? {};
  const result: Record<string, string[]> = {};
  for (const group of request.startTimeGroups) for (const id of group.theaterIds) result[id] = group.startTimes;
  return result;
}
