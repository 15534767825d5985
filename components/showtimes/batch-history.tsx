"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useListParams } from "@/components/admin/list-params";
import { Button, ButtonLink } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { EmptyState, ErrorState, SkeletonRows, Spinner } from "@/components/ui/states";
import { batchStatuses, isTerminalStatus, type BatchStatus, type ShowtimeBatchSummary } from "@/lib/showtimes/contract";
import { fetchBatches, showtimeKeys } from "./api";
import { BatchStatusBadge } from "./status-badge";

const PAGE_SIZE = 25;
const when = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" });
const fmt = (n: number) => n.toLocaleString("en-US");

const statusLabels: Record<BatchStatus, string> = { waiting: "Waiting", processing: "Processing", succeeded: "Succeeded", failed: "Failed (conflicts)", error: "Error" };

/** Every batch, newest first: status, counts, who ran it and when. Filter and page live in the URL. */
export function BatchHistory() {
  const { get, offset, update } = useListParams();
  const status = batchStatuses.find((s) => s === get("status")) ?? "";

  const batches = useQuery({
    queryKey: showtimeKeys.batches(status, offset),
    queryFn: ({ signal }) => fetchBatches(status, offset, PAGE_SIZE, signal),
    placeholderData: keepPreviousData,
    // Running batches move on their own: keep the list current while any is shown.
    refetchInterval: (query) => (query.state.data?.items.some((b) => !isTerminalStatus(b.status)) ? 3_000 : false),
  });

  return (
    <div>
      <PageHeader title="Showtime batches" description="Every request to create showtimes, newest first." actions={<ButtonLink href="/admin/showtimes/new">Schedule showtimes</ButtonLink>} />
      <div className="mb-4 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="batch-status-filter" className="block text-sm font-medium text-stone-800">
            Status
          </label>
          <Select id="batch-status-filter" value={status} onChange={(e) => update({ status: e.target.value })} className="mt-1 w-52">
            <option value="">All statuses</option>
            {batchStatuses.map((s) => (
              <option key={s} value={s}>
                {statusLabels[s]}
              </option>
            ))}
          </Select>
        </div>
        {batches.isFetching && !batches.isPending && <Spinner label="Updating" />}
      </div>

      {batches.isPending ? (
        <div>
          <span className="sr-only" role="status">
            Loading batches…
          </span>
          <SkeletonRows rows={6} />
        </div>
      ) : batches.isError && !batches.data ? (
        <ErrorState
          title="Could not load the batches"
          message={batches.error.message}
          action={
            <Button variant="secondary" size="sm" onClick={() => void batches.refetch()}>
              Try again
            </Button>
          }
        />
      ) : batches.data.items.length === 0 ? (
        <EmptyState title={status ? `No ${statusLabels[status].toLowerCase()} batches` : offset > 0 ? "This page is empty" : "No batches yet"}>
          {status ? (
            <Button variant="secondary" size="sm" onClick={() => update({ status: "" })}>
              Show all statuses
            </Button>
          ) : offset > 0 ? (
            <Button variant="secondary" size="sm" onClick={() => update({ offset: 0 })}>
              Go to the first page
            </Button>
          ) : (
            <p>
              <Link href="/admin/showtimes/new" className="font-medium text-brand-700 hover:underline">
                Schedule showtimes
              </Link>{" "}
              to create the first one.
            </p>
          )}
        </EmptyState>
      ) : (
        <>
          <div className={`relative overflow-x-auto rounded-lg border border-stone-200 bg-white ${batches.isPlaceholderData ? "opacity-60" : ""}`} aria-busy={batches.isPlaceholderData}>
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Showtime batches</caption>
              <thead className="border-b border-stone-200 bg-stone-50 text-xs font-medium uppercase tracking-wide text-stone-600">
                <tr>
                  <th scope="col" className="px-3 py-2.5 font-medium">
                    Status
                  </th>
                  <th scope="col" className="whitespace-nowrap px-3 py-2.5 font-medium">
                    Requested
                  </th>
                  <th scope="col" className="px-3 py-2.5 font-medium">
                    Movie
                  </th>
                  <th scope="col" className="px-3 py-2.5 text-right font-medium">
                    Showtimes
                  </th>
                  <th scope="col" className="px-3 py-2.5 text-right font-medium">
                    Tickets
                  </th>
                  <th scope="col" className="px-3 py-2.5 text-right font-medium">
                    Theaters
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-stone-100">
                {batches.data.items.map((b) => (
                  <BatchRow key={b.id} batch={b} />
                ))}
              </tbody>
            </table>
          </div>
          <Pagination total={batches.data.total} limit={PAGE_SIZE} offset={offset} onChange={(next) => update({ offset: next })} />
        </>
      )}
    </div>
  );
}

function BatchRow({ batch: b }: { batch: ShowtimeBatchSummary }) {
  const href = `/admin/showtimes/batches/${b.id}`;
  const who = b.requestedByName ?? b.requestedByEmail ?? "unknown";
  return (
    <tr className="hover:bg-stone-50" data-testid="batch-row">
      <td className="px-3 py-2.5 align-top">
        <BatchStatusBadge status={b.status} />
        {b.status === "failed" && b.conflictCount > 0 && (
          <span className="block text-xs text-amber-900">
            {b.conflictCount} conflict{b.conflictCount === 1 ? "" : "s"}
          </span>
        )}
        {b.status === "error" && b.errorMessage && <span className="block max-w-xs truncate text-xs text-red-700" title={b.errorMessage}>{b.errorMessage}</span>}
      </td>
      <td className="whitespace-nowrap px-3 py-2.5 align-top">
        <Link href={href} className="font-medium text-stone-900 hover:text-brand-700 hover:underline">
          {when.format(new Date(b.createdAt))}
          <span className="sr-only"> – open batch</span>
        </Link>
        <span className="block text-xs text-stone-500" title={b.requestedByEmail ?? undefined}>
          by {who}
        </span>
      </td>
      <td className="min-w-40 px-3 py-2.5 align-top">{b.movieTitle ?? <span className="text-stone-500">Movie {b.movieId} (deleted)</span>}</td>
      <td className="whitespace-nowrap px-3 py-2.5 text-right align-top tabular-nums">
        {fmt(b.createdShowtimes)} <span className="text-stone-500">/ {fmt(b.totalShowtimes)}</span>
      </td>
      <td className="whitespace-nowrap px-3 py-2.5 text-right align-top tabular-nums">
        {fmt(b.createdTickets)} <span className="text-stone-500">/ {fmt(b.totalTickets)}</span>
      </td>
      <td className="px-3 py-2.5 text-right align-top tabular-nums">{fmt(b.theaterCount)}</td>
    </tr>
  );
}
