import { groupBy } from "@/lib/collections/group-by";

/**
 * When showtimes collide. A theater is busy from a show's start until its end plus the theater's
 * turnover (cleaning) minutes; busy intervals are half-open, [start, availableAt), so a show may
 * start exactly when the previous one's turnover ends. Any movie counts: a screen shows one film.
 */

export interface Slot {
  theaterId: string;
  startsAt: Date;
  endsAt: Date;
  availableAt: Date;
}

export function planSlot(theaterId: string, startsAt: Date, durationMinutes: number, turnoverMinutes: number): Slot {
  const endsAt = new Date(startsAt.getTime() + durationMinutes * 60_000);
  return { theaterId, startsAt, endsAt, availableAt: new Date(endsAt.getTime() + turnoverMinutes * 60_000) };
}

export function busyTogether(a: Pick<Slot, "theaterId" | "startsAt" | "availableAt">, b: Pick<Slot, "theaterId" | "startsAt" | "availableAt">): boolean {
  return a.theaterId === b.theaterId && a.startsAt.getTime() < b.availableAt.getTime() && b.startsAt.getTime() < a.availableAt.getTime();
}

const slotsByTheater = (slots: Slot[]) => groupBy(slots, (s) => s.theaterId);

export interface OverlapPair {
  theaterId: string;
  first: Date;
  second: Date;
}

/**
 * Pairs of requested slots that collide with each other, each pair once, in start order.
 * Identical start times come out as pairs too (a duplicate is the extreme overlap).
 */
export function overlapsWithinRequest(slots: Slot[]): OverlapPair[] {
  const byTheater = slotsByTheater(slots);
  const pairs: OverlapPair[] = [];
  for (const [theaterId, list] of byTheater) {
    list.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    for (let i = 0; i < list.length; i++) {
      // Sorted by start, so once a later slot starts after this one is free, none further can hit it.
      for (let j = i + 1; j < list.length && list[j]!.startsAt.getTime() < list[i]!.availableAt.getTime(); j++) {
        pairs.push({ theaterId, first: list[i]!.startsAt, second: list[j]!.startsAt });
      }
    }
  }
  return pairs;
}

/** For each existing showtime, the requested start times that hit it (none → not a conflict). */
export function matchConflicts<E extends { theaterId: string; startsAt: Date; availableAt: Date }>(slots: Slot[], existing: E[]): { showtime: E; hitBy: Date[] }[] {
  const byTheater = slotsByTheater(slots);
  const result: { showtime: E; hitBy: Date[] }[] = [];
  for (const showtime of existing) {
    const hitBy = (byTheater.get(showtime.theaterId) ?? []).filter((s) => busyTogether(s, showtime)).map((s) => s.startsAt);
    if (hitBy.length) result.push({ showtime, hitBy });
  }
  return result;
}

export interface Envelope {
  theaterId: string;
  from: Date;
  to: Date;
}

/**
 * Covers a theater's slots with a few wide intervals: consecutive slots closer than `mergeGapMs`
 * share one. Looking existing showtimes up by these envelopes costs one index probe per envelope
 * instead of one per slot (11,200 slots → about 200 probes for a week in 200 theaters).
 */
export function envelopesOf(slots: Slot[], mergeGapMs = 12 * 3600_000): Envelope[] {
  const byTheater = slotsByTheater(slots);
  const envelopes: Envelope[] = [];
  for (const [theaterId, list] of byTheater) {
    const sorted = [...list].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    let current: Envelope | null = null;
    for (const s of sorted) {
      if (current && s.startsAt.getTime() - current.to.getTime() <= mergeGapMs) {
        if (s.availableAt > current.to) current.to = s.availableAt;
      } else {
        current = { theaterId, from: s.startsAt, to: s.availableAt };
        envelopes.push(current);
      }
    }
  }
  return envelopes;
}
