/**
 * Running experiments' figures in Prometheus's text format, appended to /api/metrics: per
 * variant its users, sessions, clicks, likes, dislikes, click-through rate and mean position score,
 * read from the same totals as the experiment page.
 */
export interface VariantFigures {
  experimentId: string;
  experimentName: string;
  variant: string;
  users: number;
  sessions: number;
  clicks: number;
  likes: number;
  dislikes: number;
  scoreN: number;
  scoreSum: number;
}

const gauges: { name: string; help: string; value: (f: VariantFigures) => number }[] = [
  { name: "marquee_experiment_users", help: "Users assigned to the variant", value: (f) => f.users },
  { name: "marquee_experiment_sessions", help: "Recommendation lists served under the variant", value: (f) => f.sessions },
  { name: "marquee_experiment_clicks", help: "Lists whose viewer opened a movie from them", value: (f) => f.clicks },
  { name: "marquee_experiment_likes", help: "Movies liked from the variant's lists", value: (f) => f.likes },
  { name: "marquee_experiment_dislikes", help: "Movies disliked from the variant's lists", value: (f) => f.dislikes },
  { name: "marquee_experiment_click_through_rate", help: "Clicks per list served (0 with no lists)", value: (f) => (f.sessions ? f.clicks / f.sessions : 0) },
  { name: "marquee_experiment_mean_position_score", help: "Mean position score of the selections (seed 000's score; 0 with none)", value: (f) => (f.scoreN ? f.scoreSum / f.scoreN : 0) },
];

/** A label value as the exposition format wants it: backslash, quote and newline escaped. */
function label(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

export function formatExperimentMetrics(figures: readonly VariantFigures[]): string {
  if (!figures.length) return "";
  const lines: string[] = [];
  for (const gauge of gauges) {
    lines.push(`# HELP ${gauge.name} ${gauge.help}`, `# TYPE ${gauge.name} gauge`);
    for (const f of figures) lines.push(`${gauge.name}{experiment="${label(f.experimentId)}",name="${label(f.experimentName)}",variant="${label(f.variant)}"} ${gauge.value(f)}`);
  }
  return `${lines.join("\n")}\n`;
}
