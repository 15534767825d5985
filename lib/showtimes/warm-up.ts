import "server-only";
import type { Db } from "@/db/client";
import { findShowtimesBusyDuring } from "@/db/queries/showtimes";
import { listTheaters } from "@/db/queries/theaters";
import { planSlot } from "./conflicts";

/**
 * PGlite is Postgres compiled to WebAssembly, which V8 optimises only once it has run for a while,
 * so in a fresh process the first conflict checks of a large batch are several times slower than
 * later ones (docs/performance.md). Running that check a number of times at start pays the
 * optimisation before an admin's first batch does.
 *
 * The probe asks about a week far in the future, so it finds nothing and writes nothing, whatever
 * the schedule holds. Postgres servers don't need this: they run native code.
 */
export async function warmUpConflictChecks(db: Db, options: { budgetMs: number; now: Date }): Promise<{ runs: number; ms: number }> {
  const started = performance.now();
  if (options.budgetMs <= 0) return { runs: 0, ms: 0 };
  const { items } = await listTheaters(db, { limit: 200, offset: 0 });
  if (!items.length) return { runs: 0, ms: performance.now() - started };

  const farWeek = options.now.getTime() + 100 * 365 * 86_400_000;
  const slots = items.flatMap((theater) =>
    Array.from({ length: 56 }, (_, i) => planSlot(theater.id, new Date(farWeek + Math.floor(i / 8) * 86_400_000 + (i % 8) * 3 * 3_600_000), 110, theater.turnoverMinutes)),
  );
  let runs = 0;
  while (performance.now() - started < options.budgetMs && runs < MAX_RUNS) {
    await findShowtimesBusyDuring(db, slots);
    runs++;
  }
  return { runs, ms: performance.now() - started };
}

// With few theaters each run is cheap; past this many the optimiser has long since kicked in.
const MAX_RUNS = 200;
