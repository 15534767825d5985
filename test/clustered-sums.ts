import type { ClusteredSums } from "@/lib/experiments/statistics";

/** Each user's (numerator, denominator), summed over users as the results page sums experiment_user_stats. */
export function clusteredSumsOf(users: readonly (readonly [y: number, n: number])[]): ClusteredSums {
  return {
    clusters: users.filter(([, n]) => n > 0).length,
    sumY: users.reduce((sum, [y]) => sum + y, 0),
    sumN: users.reduce((sum, [, n]) => sum + n, 0),
    sumYY: users.reduce((sum, [y]) => sum + y * y, 0),
    sumNN: users.reduce((sum, [, n]) => sum + n * n, 0),
    sumYN: users.reduce((sum, [y, n]) => sum + y * n, 0),
  };
}
