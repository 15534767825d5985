"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { QueryStates } from "@/components/admin/query-states";
import { useListParams } from "@/components/admin/list-params";
import { Select } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { EmptyState } from "@/components/ui/states";
import { fetchTrends, LIVE_REFRESH_MS, trendKeys, type TrendSort, type TrendWindow } from "./api";
import { HistoryChart } from "./history-chart";
import { RegisterForm } from "./register-form";
import { TrendTable } from "./trend-table";

const PAGE_SIZE = 25;

export const sortOptions: { value: TrendSort; label: string }[] = [
  { value: "final", label: "Final score" },
  { value: "trending", label: "Trending now" },
  { value: "views", label: "Views" },
];
const windowOptions: { value: TrendWindow; label: string }[] = [
  { value: "24h", label: "Views in the last 24 hours" },
  { value: "7d", label: "Views in the last 7 days" },
];

/**
 * The trend dashboard: every tracked movie, sortable by final score, trending now or views, with
 * sparklines, the top 10 over time, and (for admins) the seed's register / view / refresh controls.
 * It polls every few seconds, so viewers' activity shows up without a reload.
 */
export function TrendDashboard({ canManage }: { canManage: boolean }) {
  const params = useListParams();
  const sort = sortOptions.find((s) => s.value === params.get("sort"))?.value ?? "final";
  const viewsWindow = windowOptions.find((w) => w.value === params.get("window"))?.value ?? "7d";
  const offset = params.offset;
  const listParams = { sort, window: viewsWindow, limit: PAGE_SIZE, offset };

  const trends = useQuery({
    queryKey: trendKeys.list(listParams),
    queryFn: ({ signal }) => fetchTrends(listParams, signal),
    refetchInterval: LIVE_REFRESH_MS,
    placeholderData: keepPreviousData,
  });

  return (
    <div className="space-y-6">
      <PageHeader
        title="Trends"
        description={
          <>
            What the audience is watching. The final score is 70% the TMDB vote average and 30% views (full at 100); trending now weighs recent views, watches, favorites and ratings, halving every{" "}
            {trends.data ? `${trends.data.halfLifeHours} hours` : "half-life"}.
          </>
        }
        actions={<LiveIndicator updatedAt={trends.dataUpdatedAt} failing={trends.isError} />}
      />

      {canManage && <RegisterForm />}

      <section aria-labelledby="table-heading" className="space-y-3">
        <h2 id="table-heading" className="sr-only">
          Movies by {sortOptions.find((s) => s.value === sort)!.label.toLowerCase()}
        </h2>
        <div className="flex flex-col gap-2 sm:flex-row sm:items-center sm:justify-between">
          <div role="group" aria-label="Sort by" className="inline-flex w-full rounded-md ring-1 ring-stone-300 sm:w-auto">
            {sortOptions.map((s) => (
              <button
                key={s.value}
                type="button"
                aria-pressed={sort === s.value}
                onClick={() => params.update({ sort: s.value === "final" ? null : s.value }, "replace")}
                className={`flex-1 px-3 py-1.5 text-sm first:rounded-l-md last:rounded-r-md sm:flex-none ${sort === s.value ? "bg-stone-800 text-white" : "bg-white text-stone-700 hover:bg-stone-100"}`}
              >
                {s.label}
              </button>
            ))}
          </div>
          <label htmlFor="trend-window" className="sr-only">
            Views window
          </label>
          <Select id="trend-window" value={viewsWindow} onChange={(e) => params.update({ window: e.target.value === "7d" ? null : e.target.value }, "replace")} className="sm:w-64">
            {windowOptions.map((w) => (
              <option key={w.value} value={w.value}>
                {w.label}
              </option>
            ))}
          </Select>
        </div>

        <QueryStates
          query={trends}
          what="trends"
          isEmpty={(data) => data.items.length === 0}
          empty={
            <EmptyState title={offset > 0 ? "This page is empty" : "No movie is trending yet"}>
              {offset > 0 ? (
                <button type="button" className="font-medium text-brand-700 hover:underline" onClick={() => params.update({ offset: 0 })}>
                  Go to the first page
                </button>
              ) : canManage ? (
                "Register a movie by its TMDB id above, or add views to one."
              ) : (
                <>
                  Movies appear here as soon as someone watches, rates or favorites one. <Link href="/" className="font-medium text-brand-700 hover:underline">Browse movies</Link>
                </>
              )}
            </EmptyState>
          }
        >
          {(data) => (
            <>
              <TrendTable page={data} canManage={canManage} onSort={(value) => params.update({ sort: value === "final" ? null : value }, "replace")} busy={trends.isPlaceholderData} />
              <Pagination total={data.total} limit={data.limit} offset={data.offset} onChange={(next) => params.update({ offset: next })} />
            </>
          )}
        </QueryStates>
      </section>

      <HistoryChart sort={sort} />
    </div>
  );
}

function LiveIndicator({ updatedAt, failing }: { updatedAt: number; failing: boolean }) {
  if (!updatedAt) return null;
  const time = new Date(updatedAt).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  return (
    <span className="inline-flex items-center gap-2 text-xs text-stone-600" title="The dashboard refreshes itself every few seconds">
      <span aria-hidden className={`h-2 w-2 rounded-full ${failing ? "bg-red-500" : "animate-pulse bg-emerald-500"}`} />
      {failing ? "Not updating" : "Live"} · updated <time dateTime={new Date(updatedAt).toISOString()}>{time}</time>
    </span>
  );
}
