"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { QueryStates } from "@/components/admin/query-states";
import { EmptyState } from "@/components/ui/states";
import { fetchTrendHistory, LIVE_REFRESH_MS, trendKeys, type TrendHistory, type TrendSort } from "./api";

const COLORS = ["#ea580c", "#2563eb", "#16a34a", "#9333ea", "#dc2626", "#0891b2", "#ca8a04", "#db2777", "#4b5563", "#65a30d"];
const TOP = 10;
const DAYS = 14;

const metrics = [
  { value: "views", label: "Daily views" },
  { value: "trending", label: "Trending score" },
] as const;
type Metric = (typeof metrics)[number]["value"];

function shortDay(day: string) {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString("en-US", { month: "short", day: "numeric", timeZone: "UTC" });
}

/** recharts wants one row per day with a key per movie. */
function chartRows(history: TrendHistory, metric: Metric) {
  return history.days.map((day, i) => ({ day, ...Object.fromEntries(history.movies.map((m) => [m.movieId, m[metric][i] ?? 0])) }));
}

/** The top 10 by the table's sort over the last 14 days: daily views, or trending now at each day's end. */
export function HistoryChart({ sort }: { sort: TrendSort }) {
  const [metric, setMetric] = useState<Metric>("views");
  const params = { sort, top: TOP, days: DAYS };
  const history = useQuery({
    queryKey: trendKeys.history(params),
    queryFn: ({ signal }) => fetchTrendHistory(params, signal),
    refetchInterval: LIVE_REFRESH_MS,
    placeholderData: keepPreviousData,
  });

  return (
    <section aria-labelledby="history-heading" className="rounded-lg border border-stone-200 bg-white p-4">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h2 id="history-heading" className="text-base font-semibold text-stone-900">
          Top {TOP} over the last {DAYS} days
        </h2>
        <div role="group" aria-label="Chart shows" className="inline-flex rounded-md ring-1 ring-stone-300">
          {metrics.map((m) => (
            <button
              key={m.value}
              type="button"
              aria-pressed={metric === m.value}
              onClick={() => setMetric(m.value)}
              className={`px-3 py-1 text-sm first:rounded-l-md last:rounded-r-md ${metric === m.value ? "bg-stone-800 text-white" : "bg-white text-stone-700 hover:bg-stone-100"}`}
            >
              {m.label}
            </button>
          ))}
        </div>
      </div>
      <QueryStates query={history} what="the chart" rows={4} isEmpty={(d) => d.movies.length === 0} empty={<EmptyState title="Nothing to chart yet" />}>
        {(data) => (
          <figure>
            <div className="h-72 w-full sm:h-80">
              <ResponsiveContainer width="100%" height="100%">
                <LineChart data={chartRows(data, metric)} margin={{ top: 8, right: 12, bottom: 0, left: -12 }}>
                  <CartesianGrid stroke="#e7e5e4" strokeDasharray="3 3" />
                  <XAxis dataKey="day" tickFormatter={shortDay} tick={{ fontSize: 11, fill: "#57534e" }} minTickGap={16} />
                  <YAxis allowDecimals={metric === "trending"} tick={{ fontSize: 11, fill: "#57534e" }} width={44} />
                  <Tooltip labelFormatter={(day) => shortDay(String(day))} formatter={(value) => (typeof value === "number" ? Number(value.toFixed(2)) : value)} />
                  <Legend wrapperStyle={{ fontSize: 12 }} />
                  {data.movies.map((m, i) => (
                    <Line key={m.movieId} type="linear" dataKey={m.movieId} name={m.title} stroke={COLORS[i % COLORS.length]} strokeWidth={2} dot={false} isAnimationActive={false} />
                  ))}
                </LineChart>
              </ResponsiveContainer>
            </div>
            <figcaption className="sr-only">
              {metric === "views" ? "Daily views" : "Trending now at the end of each day"} of {data.movies.map((m) => m.title).join(", ")}, {data.days[0]} to {data.days.at(-1)}.
            </figcaption>
          </figure>
        )}
      </QueryStates>
    </section>
  );
}
