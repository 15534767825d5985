"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Select } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { EmptyState, Spinner } from "@/components/ui/states";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { apiFetch, queryString } from "@/lib/client/api-client";
import { deadLetterStatuses, type DeadLetter, type DeadLetterResolution, type DeadLetterStatus } from "@/lib/dead-letters/contract";
import type { ListPage } from "@/lib/http/pagination";
import { errorMessage } from "../field-errors";
import { useListParams } from "../list-params";
import { QueryStates } from "../query-states";
import { ResultCount } from "../result-count";
import { SuccessNotice } from "../success-notice";
import { errorHeadline, payloadSummary } from "./dead-letter-summary";

const PAGE_SIZE = 25;
const deadLettersKey = ["admin", "dead-letters"] as const;
const statuses = deadLetterStatuses;
type Status = DeadLetterStatus;

type Action = { letter: DeadLetter; kind: "retry" | "discard" };

const statusStyle: Record<Status, string> = {
  open: "bg-amber-50 text-amber-800",
  retried: "bg-sky-50 text-sky-800",
  discarded: "bg-stone-100 text-stone-600",
};

/**
 * Background work that failed all its attempts. Retry puts it back on its queue (after the cause
 * is fixed); discard closes it for good. Open letters are shown first: they are the to-do list.
 */
export function DeadLettersList() {
  const queryClient = useQueryClient();
  const params = useListParams();
  const raw = params.get("status");
  const filter: Status | "all" = raw === "all" || (statuses as readonly string[]).includes(raw) ? (raw as Status | "all") : "open";
  const offset = params.offset;
  const [action, setAction] = useState<Action | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const letters = useQuery({
    queryKey: [...deadLettersKey, { filter, offset }],
    queryFn: ({ signal }) =>
      apiFetch<ListPage<DeadLetter>>(`/api/v1/admin/dead-letters${queryString({ status: filter === "all" ? undefined : filter, limit: PAGE_SIZE, offset })}`, { signal }),
    placeholderData: keepPreviousData,
  });

  const resolve = useMutation({
    mutationFn: ({ letter, kind }: Action) => apiFetch<DeadLetterResolution>(`/api/v1/admin/dead-letters/${letter.id}/${kind}`, { method: "POST" }),
    onSuccess: (result, { letter, kind }) => {
      setAction(null);
      setNotice(
        kind === "retry"
          ? `Dead letter #${result.id} retried: ${payloadSummary(letter.queue, letter.payload)} is back on the ${letter.queue} queue.`
          : `Dead letter #${result.id} discarded. It will not be processed.`,
      );
      void queryClient.invalidateQueries({ queryKey: deadLettersKey });
    },
  });

  function ask(next: Action) {
    resolve.reset();
    setNotice(null);
    setAction(next);
  }

  const target = action?.letter;
  return (
    <div>
      <PageHeader title="Dead letters" description="Background work that kept failing after its retries. Fix the cause, then retry it — or discard it." />
      {notice && <SuccessNotice message={notice} onDismiss={() => setNotice(null)} />}
      <div className="mb-4 flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-center">
        <label htmlFor="dead-letter-status" className="text-sm text-stone-700">
          Status
        </label>
        <Select id="dead-letter-status" value={filter} onChange={(e) => params.update({ status: e.target.value === "open" ? null : e.target.value })} className="sm:w-44">
          <option value="open">Open</option>
          <option value="retried">Retried</option>
          <option value="discarded">Discarded</option>
          <option value="all">All statuses</option>
        </Select>
        {letters.isFetching && !letters.isPending && <Spinner label="Updating" />}
        {letters.data && <ResultCount total={letters.data.total} noun="dead letter" />}
      </div>

      <QueryStates
        query={letters}
        what="dead letters"
        isEmpty={(data) => data.items.length === 0}
        empty={
          <EmptyState title={offset > 0 ? "This page is empty" : filter === "open" ? "No open dead letters" : "No dead letters here"}>
            {offset > 0 ? (
              <Button variant="secondary" size="sm" onClick={() => params.update({ offset: 0 })}>
                Go to the first page
              </Button>
            ) : filter === "open" ? (
              "Everything in the background queues is going through."
            ) : null}
          </EmptyState>
        }
      >
        {(data) => (
          <>
            <Table caption="Dead letters" busy={letters.isPlaceholderData}>
              <THead>
                <Th>Queue</Th>
                <Th>Payload</Th>
                <Th>Error</Th>
                <Th className="text-right">Attempts</Th>
                <Th>Created</Th>
                <Th>Status</Th>
              </THead>
              <TBody>
                {data.items.map((letter) => (
                  <Tr key={letter.id}>
                    <Td>
                      <code className="whitespace-nowrap rounded bg-stone-100 px-1.5 py-0.5 text-xs">{letter.queue}</code>
                      <span className="mt-1 block text-xs text-stone-500">#{letter.id}</span>
                    </Td>
                    <Td className="min-w-40 max-w-52">
                      <details className="group">
                        <summary className="cursor-pointer list-none text-stone-800 [&::-webkit-details-marker]:hidden">
                          <span className="break-words">{payloadSummary(letter.queue, letter.payload)}</span>
                          <span className="block text-xs text-stone-500 group-open:hidden">Show the payload</span>
                        </summary>
                        <pre className="mt-1 max-h-48 overflow-auto whitespace-pre-wrap break-all rounded bg-stone-50 p-2 text-xs text-stone-700">{JSON.stringify(letter.payload, null, 2)}</pre>
                      </details>
                    </Td>
                    <Td className="min-w-52 max-w-sm">
                      <details className="group">
                        <summary className="cursor-pointer list-none text-red-800 [&::-webkit-details-marker]:hidden">
                          <span className="line-clamp-3 break-words">{errorHeadline(letter.error)}</span>
                          <span className="text-xs text-stone-500 group-open:hidden">Show the full error</span>
                        </summary>
                        <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap break-words rounded bg-stone-50 p-2 text-xs text-stone-700">{letter.error}</pre>
                      </details>
                    </Td>
                    <Td className="text-right tabular-nums">{letter.attempts}</Td>
                    <Td className="text-stone-600">
                      <WhenText value={letter.createdAt} />
                    </Td>
                    <Td>
                      <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${statusStyle[letter.status]}`}>{letter.status}</span>
                      {letter.resolvedAt && (
                        <span className="mt-1 block text-xs text-stone-500">
                          <WhenText value={letter.resolvedAt} />
                        </span>
                      )}
                      {letter.status === "open" && (
                        <span className="mt-2 flex flex-col items-start gap-1">
                          <Button variant="secondary" size="sm" onClick={() => ask({ letter, kind: "retry" })}>
                            Retry<span className="sr-only"> dead letter {letter.id}</span>
                          </Button>
                          <Button variant="ghost" size="sm" className="text-red-700 hover:bg-red-50" onClick={() => ask({ letter, kind: "discard" })}>
                            Discard<span className="sr-only"> dead letter {letter.id}</span>
                          </Button>
                        </span>
                      )}
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
            <Pagination total={data.total} limit={PAGE_SIZE} offset={offset} onChange={(next) => params.update({ offset: next })} />
          </>
        )}
      </QueryStates>

      <ConfirmDialog
        open={action !== null}
        title={action?.kind === "retry" ? `Retry dead letter #${target?.id}?` : `Discard dead letter #${target?.id}?`}
        confirmLabel={action?.kind === "retry" ? "Retry" : "Discard"}
        tone={action?.kind === "retry" ? "primary" : "danger"}
        pending={resolve.isPending}
        error={resolve.isError ? errorMessage(resolve.error) : null}
        onConfirm={() => action && resolve.mutate(action)}
        onCancel={() => setAction(null)}
      >
        {target && <p className="font-medium text-stone-800">{payloadSummary(target.queue, target.payload)}</p>}
        {action?.kind === "retry" ? (
          <p>It goes back on the {target?.queue} queue and is processed again. If what made it fail is not fixed, it fails again and comes back here.</p>
        ) : (
          <p>It is closed without being processed. This cannot be undone.</p>
        )}
      </ConfirmDialog>
    </div>
  );
}

/** Date over time, so the column stays narrow; the exact instant on hover. */
function WhenText({ value }: { value: string }) {
  const date = new Date(value);
  return (
    <time dateTime={value} title={date.toISOString()} className="block whitespace-nowrap">
      {date.toLocaleDateString(undefined, { dateStyle: "medium" })}
      <span className="block text-xs text-stone-500">{date.toLocaleTimeString(undefined, { timeStyle: "short" })}</span>
    </time>
  );
}
