import type { z } from "zod";
import type { createBatchSchema } from "./contract";
import { describeProblem, type StartPlan } from "./start-plan";
import { toIsoWithOffset } from "./zoned-time";

/** What the wizard posts: the API's own request shape, with one list of starts per theater. */
export type BatchRequestBody = z.input<typeof createBatchSchema> & { startTimesByTheater: Record<string, string[]> };

/**
 * The POST body: each theater's own list of instants written with that theater's offset (shared
 * wall-clock times are different instants in different zones). `keysByTheater` lines the API's
 * field errors ("startTimesByTheater.<id>.<i>") up with the form's starts.
 */
export function toBatchRequest(movieId: string, plan: StartPlan, durationMinutes: number): { ok: true; body: BatchRequestBody; keysByTheater: Record<string, string[]> } | { ok: false; reason: string } {
  if (plan.issues.length) return { ok: false, reason: plan.issues[0]!.message };
  const startTimesByTheater: Record<string, string[]> = {};
  const keysByTheater: Record<string, string[]> = {};
  for (const { theater, starts } of plan.theaters) {
    const bad = starts.find((s) => s.problem || !s.startsAt);
    if (bad) return { ok: false, reason: describeProblem(bad.problem ?? "invalid", bad, theater.timeZone) };
    if (!starts.length) return { ok: false, reason: `No start times for ${theater.name}` };
    startTimesByTheater[theater.id] = starts.map((s) => toIsoWithOffset(s.startsAt!, theater.timeZone));
    keysByTheater[theater.id] = starts.map((s) => s.key);
  }
  if (!plan.theaters.length) return { ok: false, reason: "Choose at least one theater" };
  return { ok: true, body: { movieId, theaterIds: plan.theaters.map((p) => p.theater.id), durationInMinutes: durationMinutes, startTimesByTheater }, keysByTheater };
}

/**
 * The API's field errors placed on the form: per start (by key), per theater, and the rest.
 * "startTimesByTheater.T1.3" is the fourth start sent for theater T1.
 */
export function placeServerFieldErrors(fields: Record<string, string>, keysByTheater: Record<string, string[]>): { byStart: Record<string, string>; byTheater: Record<string, string>; other: string[] } {
  const byStart: Record<string, string> = {};
  const byTheater: Record<string, string> = {};
  const other: string[] = [];
  for (const [field, message] of Object.entries(fields)) {
    const m = /^startTimesByTheater\.(.+?)(?:\.(\d+))?$/.exec(field);
    const keys = m ? keysByTheater[m[1]!] : undefined;
    if (m && keys) {
      const key = m[2] !== undefined ? keys[Number(m[2])] : undefined;
      if (key) byStart[key] = message;
      else byTheater[m[1]!] = message;
    } else other.push(field === "body" || field === "" ? message : `${field}: ${message}`);
  }
  return { byStart, byTheater, other };
}
