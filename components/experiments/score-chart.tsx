"use client";

import { useState } from "react";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import type { ExperimentResults } from "@/lib/experiments/contract";
import { numberText } from "./figures";

type Series = ExperimentResults["series"];
type Point = Series["points"][number];

// Distinct under the usual colour blindnesses, and each line also has its own dash.
const COLORS = ["#c2410c", "#1d4ed8", "#15803d", "#7e22ce"];
const DASHES = ["", "6 3", "2 2", "8 3 2 3"];

function timeLabel(iso: string) {
  return new Date(iso).toLocaleTimeString(undefined, { hour: "2-digit", minute: "2-digit" });
}

function PhaseChart({ title, points, variants }: { title: string; points: Point[]; variants: string[] }) {
  const rows = points.map((p) => ({ minute: timeLabel(p.minute), ...Object.fromEntries(variants.map((v) => [v, p.meanScore[v] === null ? null : Math.round(p.meanScore[v]! * 100) / 100])) }));
  return (
    <figure className="min-w-0 rounded-lg border border-stone-200 bg-white p-3">
      <figcaption className="mb-2 text-sm font-medium text-stone-800">{title}</figcaption>
      <div className="h-56" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={rows} margin={{ top: 5, right: 8, bottom: 5, left: -10 }}>
            <CartesianGrid stroke="#e7e5e4" strokeDasharray="3 3" />
            <XAxis dataKey="minute" tick={{ fontSize: 11, fill: "#44403c" }} minTickGap={24} />
            <YAxis domain={[0, 10]} tick={{ fontSize: 11, fill: "#44403c" }} width={40} />
            <Tooltip />
            <Legend />
            {variants.map((v, i) => (
              <Line key={v} type="monotone" dataKey={v} name={`Group ${v}`} stroke={COLORS[i % COLORS.length]} strokeDasharray={DASHES[i % DASHES.length]} strokeWidth={2} dot={false} connectNulls isAnimationActive={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

/**
 * Seed 000's dashboard: the mean position score per time bucket by group, one chart per kind of
 * period (A/A and A/B) side by side, and the same numbers as a table for screen readers and for
 * anyone who wants them exact.
 */
export function ScoreChart({ series }: { series: Series }) {
  const [tableOpen, setTableOpen] = useState(false);
  if (series.points.length === 0) {
    return <p className="text-sm text-stone-600">No scored sessions yet: a session is scored when its viewer opens a movie from the list.</p>;
  }
  const phases = [...new Set(series.points.map((p) => p.phase))];
  const bucket = series.bucketMinutes === 1 ? "minute" : `${series.bucketMinutes} minutes`;
  const charts = phases.length > 1 || phases[0] !== null ? (["A/A", "A/B"] as const).filter((phase) => phases.includes(phase)).map((phase) => ({ title: `${phase} periods: mean score per ${bucket}`, points: series.points.filter((p) => p.phase === phase) })) : [{ title: `Mean score per ${bucket}`, points: series.points }];
  const withScores = series.points.filter((p) => series.variants.some((v) => p.sessions[v]! > 0));
  return (
    <div className="space-y-3">
      <div className={`grid gap-3 ${charts.length > 1 ? "md:grid-cols-2" : ""}`}>
        {charts.map((chart) => (
          <PhaseChart key={chart.title} title={chart.title} points={chart.points} variants={series.variants} />
        ))}
      </div>
      {series.periods.length > 0 && (
        <p className="text-sm text-stone-700">
          Periods:{" "}
          {series.periods.map((p, i) => (
            <span key={`${p.actionCycle}-${p.from}`}>
              {i > 0 && "; "}cycle {p.actionCycle} ({p.phase}) {timeLabel(p.from)}–{timeLabel(p.to)}
            </span>
          ))}
        </p>
      )}
      <details className="rounded-lg border border-stone-200 bg-white p-3 text-sm" onToggle={(e) => setTableOpen(e.currentTarget.open)}>
        <summary className="cursor-pointer font-medium text-stone-800">The chart as a table ({withScores.length} buckets with scores)</summary>
        {/* Built when opened: up to 240 rows the page need not render, or send, before anyone asks. */}
        {tableOpen && <div className="mt-3">
          <Table caption={`Mean position score per ${bucket} by group, with the scored sessions in each`}>
            <THead>
              <Th>Time</Th>
              <Th>Period</Th>
              {series.variants.map((v) => (
                <Th key={v} className="text-right">
                  {v}: score (sessions)
                </Th>
              ))}
            </THead>
            <TBody>
              {withScores.map((p) => (
                <Tr key={p.minute}>
                  <Td className="whitespace-nowrap">
                    <time dateTime={p.minute}>{new Date(p.minute).toLocaleString(undefined, { dateStyle: "short", timeStyle: "short" })}</time>
                  </Td>
                  <Td>{p.phase ?? "—"}</Td>
                  {series.variants.map((v) => (
                    <Td key={v} className="text-right tabular-nums">
                      {numberText(p.meanScore[v] ?? null)} ({p.sessions[v]})
                    </Td>
                  ))}
                </Tr>
              ))}
            </TBody>
          </Table>
        </div>}
      </details>
    </div>
  );
}
