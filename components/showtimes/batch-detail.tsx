"use client";

import Link from "next/link";
import { Button, ButtonLink } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { ErrorState, Notice, SkeletonRows } from "@/components/ui/states";
import { ApiClientError } from "@/lib/client/api-client";
import { isTerminalStatus } from "@/lib/showtimes/contract";
import { formatInZone } from "@/lib/showtimes/zoned-time";
import { toWallTime } from "@/lib/showtimes/zoned-time";
import { BatchProgressPanel } from "./batch-progress";
import { ConflictList } from "./conflict-list";
import { BatchStatusBadge } from "./status-badge";
import { useBatchProgress } from "./use-batch-progress";

const when = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit" });
const fmt = (n: number) => n.toLocaleString("en-US");

/**
 * One batch: its live progress while it runs (the event stream replays history, so a reload picks
 * up where it was), then its outcome: the counts, the conflicts, or the error.
 */
export function BatchDetail({ transactionId }: { transactionId: string }) {
  const { progress, status, streamState } = useBatchProgress(transactionId);
  // Names and zones of the batch's theaters come with its status.
  const theaterById = new Map((status.data?.theaters ?? []).map((t) => [t.id, t]));
  const zoneOf = (id: string) => theaterById.get(id)?.timeZone;

  if (status.isPending) {
    return (
      <div>
        <PageHeader title="Showtime batch" description={transactionId} />
        <span className="sr-only" role="status">
          Loading the batch…
        </span>
        <SkeletonRows rows={4} />
      </div>
    );
  }
  if (status.isError && !status.data) {
    const notFound = status.error instanceof ApiClientError && (status.error.status === 404 || status.error.status === 400);
    return (
      <div>
        <PageHeader title="Showtime batch" description={transactionId} />
        <ErrorState
          title={notFound ? "No such batch" : "Could not load the batch"}
          message={notFound ? `There is no showtime batch with transactionId ${transactionId}.` : status.error.message}
          action={
            notFound ? (
              <ButtonLink href="/admin/showtimes/batches" variant="secondary" size="sm">
                All batches
              </ButtonLink>
            ) : (
              <Button variant="secondary" size="sm" onClick={() => void status.refetch()}>
                Try again
              </Button>
            )
          }
        />
      </div>
    );
  }
  const batch = status.data!;
  const current = progress!;
  const finished = isTerminalStatus(current.status);
  const conflicts = current.conflictingShowtimes?.length ? current.conflictingShowtimes : batch.conflictingShowtimes;

  return (
    <div className="space-y-5">
      <PageHeader
        title={`Batch for ${batch.movie.title ?? `movie ${batch.movie.id}`}`}
        description={<span className="break-all font-mono text-xs">{batch.transactionId}</span>}
        actions={
          <>
            <ButtonLink href="/admin/showtimes/batches" variant="secondary">
              All batches
            </ButtonLink>
            <ButtonLink href="/admin/showtimes/new">Schedule showtimes</ButtonLink>
          </>
        }
      />
      <div className="flex items-center gap-2">
        <BatchStatusBadge status={current.status} />
        {!finished && <span className="text-sm text-stone-600">Following live. This page can be reloaded or left; the batch runs on the server.</span>}
      </div>

      <BatchProgressPanel progress={current} streamState={finished ? undefined : streamState} />

      {current.status === "succeeded" && (
        <Notice tone="success">
          Created <strong>{fmt(current.createdShowtimes)}</strong> showtimes and <strong>{fmt(current.createdTickets)}</strong> tickets.
        </Notice>
      )}
      {current.status === "failed" && <ConflictList conflicts={conflicts} zoneOf={zoneOf} headingId="batch-conflicts-heading" hint="Nothing was created: the whole batch was refused. Schedule again with start times that avoid these showtimes." />}
      {current.status === "error" && <ErrorState title="The batch failed and nothing was created" message={current.message ?? batch.message ?? "No details were recorded."} />}

      <dl className="grid gap-x-6 gap-y-3 rounded-lg border border-stone-200 bg-white p-4 text-sm sm:grid-cols-3">
        <Item label="Requested by">{batch.requestedBy ? (batch.requestedBy.name ?? batch.requestedBy.email ?? batch.requestedBy.id) : "unknown"}</Item>
        <Item label="Requested at">{when.format(new Date(batch.createdAt))}</Item>
        <Item label="Finished at">{batch.finishedAt ? when.format(new Date(batch.finishedAt)) : "—"}</Item>
        <Item label="Movie">
          <Link href={`/admin/movies/${encodeURIComponent(batch.movie.id)}`} className="text-brand-700 hover:underline">
            {batch.movie.title ?? batch.movie.id}
          </Link>
        </Item>
        <Item label="Each show">{batch.durationInMinutes} min</Item>
        <Item label="Showtimes / tickets">
          {fmt(current.totalShowtimes)} / {fmt(current.totalTickets)}
        </Item>
      </dl>

      <section aria-labelledby="requested-heading" className="space-y-2">
        <h2 id="requested-heading" className="text-base font-semibold text-stone-900">
          Requested start times
        </h2>
        <ul className="grid gap-2 sm:grid-cols-2">
          {batch.theaterIds.map((id) => {
            const theater = theaterById.get(id);
            const zone = theater?.timeZone ?? "UTC";
            const starts = batch.startTimesByTheater[id] ?? [];
            const timesOfDay = [...new Set(starts.map((s) => toWallTime(new Date(s), zone).time))].sort();
            return (
              <li key={id} className="rounded-lg border border-stone-200 bg-white p-3 text-sm">
                <p className="font-medium text-stone-900">{theater?.name ?? id}</p>
                <p className="text-xs text-stone-500">{zone}</p>
                <p className="mt-1 text-stone-700">
                  {starts.length} start{starts.length === 1 ? "" : "s"}
                  {starts.length > 0 && (
                    <>
                      {" "}
                      · {formatInZone(starts[0]!, zone)}
                      {starts.length > 1 && <> – {formatInZone(starts.at(-1)!, zone)}</>}
                    </>
                  )}
                </p>
                {timesOfDay.length > 0 && <p className="text-xs text-stone-600">At {timesOfDay.join(", ")}</p>}
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}

function Item({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-stone-500">{label}</dt>
      <dd className="mt-0.5 text-stone-900">{children}</dd>
    </div>
  );
}
