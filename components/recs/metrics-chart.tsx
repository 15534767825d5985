"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { recommenderAlgorithms, type ModelVersion } from "@/lib/recs/contract";

const COLORS: Record<(typeof recommenderAlgorithms)[number], string> = { als: "#c2410c", hybrid: "#1d4ed8", ease: "#15803d", popular: "#57534e" };

/** Held-out Precision@10 of each algorithm's versions over the version number: did training help? */
export function MetricsChart({ versions }: { versions: ModelVersion[] }) {
  const measured = versions.filter((v) => v.metrics).sort((a, b) => a.version - b.version);
  if (measured.length < 2) return null;
  const rows = measured.map((v) => ({ version: `v${v.version}`, [v.algorithm]: Math.round(v.metrics!.precisionAtK * 1000) / 10 }));
  const present = recommenderAlgorithms.filter((a) => measured.some((v) => v.algorithm === a));
  return (
    <figure className="rounded-lg border border-stone-200 bg-white p-4">
      <figcaption className="mb-2 text-sm font-medium text-stone-800">Held-out Precision@10 by version (%)</figcaption>
      <div className="h-56">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={rows} margin={{ top: 5, right: 10, bottom: 5, left: 0 }}>
            <CartesianGrid stroke="#e7e5e4" strokeDasharray="3 3" />
            <XAxis dataKey="version" tick={{ fontSize: 12, fill: "#44403c" }} />
            <YAxis tick={{ fontSize: 12, fill: "#44403c" }} width={40} />
            <Tooltip />
            <Legend />
            {present.map((a) => (
              <Line key={a} type="monotone" dataKey={a} stroke={COLORS[a]} strokeWidth={2} dot connectNulls isAnimationActive={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      <p className="sr-only">
        {measured.map((v) => `Version ${v.version} (${v.algorithm}): ${(v.metrics!.precisionAtK * 100).toFixed(1)}%`).join("; ")}
      </p>
    </figure>
  );
}
