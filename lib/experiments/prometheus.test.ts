import { describe, expect, it } from "vitest";
import { formatExperimentMetrics } from "./prometheus";

describe("experiment figures for Prometheus", () => {
  const figures = { experimentId: "e-1", experimentName: 'ALS "vs" EASE', variant: "A", users: 10, sessions: 40, clicks: 10, likes: 3, dislikes: 1, scoreN: 10, scoreSum: 75 };

  it("writes one gauge per figure, per variant, with the rates worked out", () => {
    const text = formatExperimentMetrics([figures]);
    expect(text).toContain("# TYPE marquee_experiment_sessions gauge");
    expect(text).toContain('marquee_experiment_sessions{experiment="e-1",name="ALS \\"vs\\" EASE",variant="A"} 40');
    expect(text).toContain('marquee_experiment_click_through_rate{experiment="e-1",name="ALS \\"vs\\" EASE",variant="A"} 0.25');
    expect(text).toContain('marquee_experiment_mean_position_score{experiment="e-1",name="ALS \\"vs\\" EASE",variant="A"} 7.5');
  });

  it("says 0 rather than NaN for a variant without lists, and nothing without experiments", () => {
    expect(formatExperimentMetrics([{ ...figures, sessions: 0, clicks: 0, scoreN: 0, scoreSum: 0 }])).toMatch(/click_through_rate\{[^}]*\} 0\n/);
    expect(formatExperimentMetrics([])).toBe("");
  });
});
