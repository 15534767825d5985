/**
 * The app's own latency per endpoint, from the request histogram it exposes on /api/metrics
 * (`marquee_http_request_duration_seconds`, by method and route). Two scrapes, before and after a
 * run, are subtracted so only the run's requests count; a quantile is read from the buckets as
 * Prometheus's histogram_quantile does (linear within the bucket), so it is as fine as the buckets.
 */

const METRIC = "marquee_http_request_duration_seconds_bucket";

/** Per endpoint ("GET /api/v1/feedback"), cumulative counts per bucket upper bound (seconds; Infinity last). */
export type RequestHistograms = Map<string, Map<number, number>>;

export function parseRequestHistograms(text: string): RequestHistograms {
  const histograms: RequestHistograms = new Map();
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${METRIC}{`)) continue;
    const close = line.lastIndexOf("}");
    const labels = new Map<string, string>();
    for (const m of line.slice(METRIC.length + 1, close).matchAll(/([a-zA-Z_]+)="((?:[^"\\]|\\.)*)"/g)) labels.set(m[1]!, m[2]!);
    const le = labels.get("le");
    const count = Number(line.slice(close + 1).trim());
    if (le === undefined || !Number.isFinite(count)) continue;
    const endpoint = `${labels.get("method") ?? "?"} ${labels.get("route") ?? "?"}`;
    let buckets = histograms.get(endpoint);
    if (!buckets) histograms.set(endpoint, (buckets = new Map()));
    buckets.set(le === "+Inf" ? Infinity : Number(le), count);
  }
  return histograms;
}

/** What was observed between two scrapes of the same process. */
export function subtractHistograms(after: RequestHistograms, before: RequestHistograms): RequestHistograms {
  const result: RequestHistograms = new Map();
  for (const [endpoint, buckets] of after) {
    const earlier = before.get(endpoint);
    result.set(endpoint, new Map([...buckets].map(([le, count]) => [le, count - (earlier?.get(le) ?? 0)])));
  }
  return result;
}

/**
 * The q-quantile in milliseconds, and how many requests it is over; null quantile when there were
 * none. `above` marks a quantile past the last finite bound: it is only known to be more than `ms`.
 */
export function histogramQuantile(buckets: Map<number, number>, q: number): { count: number; ms: number | null; above?: true } {
  const bounds = [...buckets.keys()].sort((a, b) => a - b);
  const count = buckets.get(Infinity) ?? 0;
  if (count <= 0) return { count: 0, ms: null };
  const rank = q * count;
  let lower = 0;
  let below = 0;
  for (const bound of bounds) {
    const cumulative = buckets.get(bound)!;
    if (cumulative >= rank) {
      // Past the last finite bucket all Prometheus can say is "more than" that bound.
      if (bound === Infinity) return { count, ms: lower * 1000, above: true };
      const within = cumulative - below;
      const fraction = within > 0 ? (rank - below) / within : 1;
      return { count, ms: (lower + (bound - lower) * fraction) * 1000 };
    }
    lower = bound;
    below = cumulative;
  }
  return { count, ms: lower * 1000 };
}
