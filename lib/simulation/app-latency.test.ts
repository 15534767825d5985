import { describe, expect, it } from "vitest";
import { histogramQuantile, parseRequestHistograms, subtractHistograms } from "./app-latency";

const scrape = (counts: [number, number, number, number]) => `# HELP marquee_http_request_duration_seconds Time to answer
# TYPE marquee_http_request_duration_seconds histogram
marquee_http_request_duration_seconds_bucket{le="0.01",method="POST",route="/api/v1/feedback"} ${counts[0]}
marquee_http_request_duration_seconds_bucket{le="0.05",method="POST",route="/api/v1/feedback"} ${counts[1]}
marquee_http_request_duration_seconds_bucket{le="0.1",method="POST",route="/api/v1/feedback"} ${counts[2]}
marquee_http_request_duration_seconds_bucket{le="+Inf",method="POST",route="/api/v1/feedback"} ${counts[3]}
marquee_http_request_duration_seconds_sum{method="POST",route="/api/v1/feedback"} 1.5
marquee_http_requests_total{method="POST",route="/api/v1/feedback",status="201"} ${counts[3]}
`;

describe("the app's p99 from its request histogram", () => {
  it("reads the buckets per endpoint and interpolates within the bucket the quantile falls in", () => {
    const histograms = parseRequestHistograms(scrape([50, 90, 100, 100]));
    const feedback = histograms.get("POST /api/v1/feedback")!;
    expect(feedback.get(Infinity)).toBe(100);
    // The 99th of 100 requests is the 9th of the 10 between 50 and 100 ms.
    expect(histogramQuantile(feedback, 0.99).ms).toBeCloseTo(95, 6);
    expect(histogramQuantile(feedback, 0.5).ms).toBeCloseTo(10, 6);
  });

  it("counts only what happened between two scrapes", () => {
    const run = subtractHistograms(parseRequestHistograms(scrape([60, 100, 110, 110])), parseRequestHistograms(scrape([10, 10, 10, 10])));
    // 50, 90, 100 and 100 requests by 10, 50, 100 ms and +Inf: as in the test above.
    expect(histogramQuantile(run.get("POST /api/v1/feedback")!, 0.99)).toEqual({ count: 100, ms: expect.closeTo(95, 6) });
  });

  it("says only 'more than the last bound' for a tail past it, and nothing without requests", () => {
    const slow = parseRequestHistograms(scrape([0, 0, 90, 100])).get("POST /api/v1/feedback")!;
    expect(histogramQuantile(slow, 0.99)).toEqual({ count: 100, ms: 100, above: true });
    expect(histogramQuantile(parseRequestHistograms(scrape([0, 0, 0, 0])).get("POST /api/v1/feedback")!, 0.99)).toEqual({ count: 0, ms: null });
  });
});
