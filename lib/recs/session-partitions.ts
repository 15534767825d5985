/**
 * Which day partitions of the recommendation sessions should exist and which should go: every day
 * from today to `daysAhead` days on is created; every day older than the retention is dropped.
 * Pure: the caller lists what exists and carries out the plan.
 */
const DAY_MS = 86_400_000;

export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function planSessionPartitions(params: { existing: readonly string[]; now: Date; retentionDays: number; daysAhead: number }): { create: string[]; drop: string[] } {
  const have = new Set(params.existing);
  const today = Date.parse(`${utcDay(params.now)}T00:00:00Z`);
  const create: string[] = [];
  for (let d = 0; d <= params.daysAhead; d++) {
    const day = utcDay(new Date(today + d * DAY_MS));
    if (!have.has(day)) create.push(day);
  }
  // A day is kept while any of it is within the retention: the oldest kept day is today - retention.
  const oldestKept = utcDay(new Date(today - params.retentionDays * DAY_MS));
  const drop = params.existing.filter((day) => day < oldestKept);
  return { create, drop };
}
