"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import { DateText } from "@/components/admin/date-text";
import { errorMessage } from "@/components/admin/field-errors";
import { ListEmptyState } from "@/components/admin/list-empty-state";
import { QueryStates } from "@/components/admin/query-states";
import { algorithmLabels } from "@/components/recs/models-dashboard";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, Select } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { Notice } from "@/components/ui/states";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { experimentStatuses, type ExperimentStatus, type ExperimentSummary } from "@/lib/experiments/contract";
import { ExperimentForm } from "./experiment-form";
import { changeExperimentStatus, experimentKeys, experimentPhase, fetchExperiments, splitText } from "./experiments-api";

const PAGE_SIZE = 20;

const phaseStyle: Record<ReturnType<typeof experimentPhase>, string> = {
  draft: "bg-stone-100 text-stone-700",
  scheduled: "bg-sky-100 text-sky-900",
  running: "bg-emerald-100 text-emerald-900",
  stopped: "bg-stone-200 text-stone-800",
};

function variantText(v: ExperimentSummary["variants"][number]) {
  return `${v.name}: ${algorithmLabels[v.algorithm].split(" (")[0]}${v.version === null ? "" : ` v${v.version}`}`;
}

/** /admin/experiments: every experiment with its state and traffic so far; create, start and stop them. */
export function ExperimentsList() {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<ExperimentStatus | "all">("all");
  const [offset, setOffset] = useState(0);
  const [pending, setPending] = useState<{ experiment: ExperimentSummary; to: "running" | "stopped" } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const filterId = useId();

  const experiments = useQuery({
    queryKey: experimentKeys.list(status, offset),
    queryFn: ({ signal }) => fetchExperiments({ status: status === "all" ? undefined : status, limit: PAGE_SIZE, offset }, signal),
    placeholderData: keepPreviousData,
    // Sessions so far keep counting while an experiment runs.
    refetchInterval: 15_000,
  });

  const change = useMutation({
    mutationFn: ({ experiment, to }: { experiment: ExperimentSummary; to: "running" | "stopped" }) => changeExperimentStatus(experiment.id, to),
    onSuccess: (experiment) => {
      setPending(null);
      setNotice(`“${experiment.name}” is ${experiment.status === "running" ? "running" : "stopped"}.`);
      void queryClient.invalidateQueries({ queryKey: experimentKeys.all });
    },
  });

  const now = new Date();
  return (
    <div className="space-y-6">
      <PageHeader title="Experiments" description="A/B experiments between recommendation models, and A/A checks of the pipeline. Each user gets one variant for good, by a hash of their id and the experiment." />
      {notice && <Notice tone="success">{notice}</Notice>}
      <div className="grid gap-6 xl:grid-cols-[minmax(0,26rem)_minmax(0,1fr)]">
        <ExperimentForm
          onCreated={(experiment) => {
            setNotice(`Created “${experiment.name}”${experiment.status === "draft" ? " as a draft" : ""}.`);
            setOffset(0);
            void queryClient.invalidateQueries({ queryKey: experimentKeys.all });
          }}
        />
        <section aria-labelledby="experiments-heading" className="min-w-0 space-y-3">
          <div className="flex flex-wrap items-end justify-between gap-3">
            <h2 id="experiments-heading" className="text-base font-semibold text-stone-900">
              All experiments
            </h2>
            <div className="w-44">
              <Field id={filterId} label="Status">
                <Select
                  id={filterId}
                  value={status}
                  onChange={(e) => {
                    setStatus(e.target.value as ExperimentStatus | "all");
                    setOffset(0);
                  }}
                >
                  <option value="all">Any status</option>
                  {experimentStatuses.map((s) => (
                    <option key={s} value={s}>
                      {s}
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
          </div>
          <QueryStates
            query={experiments}
            what="experiments"
            isEmpty={(page) => page.items.length === 0}
            empty={
              <ListEmptyState noun="experiments" filtered={status !== "all"} offset={offset} onClearFilters={() => setStatus("all")} onFirstPage={() => setOffset(0)}>
                Create one with the form: two models, a split, and when it runs.
              </ListEmptyState>
            }
          >
            {(page) => (
              <>
                <Table caption="Experiments, newest first" busy={experiments.isFetching && experiments.isPlaceholderData}>
                  <THead>
                    <Th>Name</Th>
                    <Th>Status</Th>
                    <Th>Variants</Th>
                    <Th>Split (%)</Th>
                    <Th>Period</Th>
                    <Th className="text-right">Sessions</Th>
                    <Th>
                      <span className="sr-only">Actions</span>
                    </Th>
                  </THead>
                  <TBody>
                    {page.items.map((e) => {
                      const phase = experimentPhase(e, now);
                      return (
                        <Tr key={e.id}>
                          <Td className="font-medium">
                            <Link href={`/admin/experiments/${e.id}`} className="text-brand-800 underline-offset-2 hover:underline">
                              {e.name}
                            </Link>
                            {e.mode === "aa" && <span className="ml-2 rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">A/A</span>}
                          </Td>
                          <Td>
                            <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${phaseStyle[phase]}`}>{phase}</span>
                          </Td>
                          <Td>
                            <ul className="space-y-0.5">
                              {e.variants.map((v) => (
                                <li key={v.name} className="whitespace-nowrap">
                                  {variantText(v)}
                                </li>
                              ))}
                            </ul>
                          </Td>
                          <Td className="whitespace-nowrap tabular-nums">{splitText(e.variants)}</Td>
                          <Td className="text-stone-700">
                            <DateText value={e.startedAt} empty="not started" />
                            <span aria-hidden> → </span>
                            <span className="sr-only"> to </span>
                            <DateText value={e.stoppedAt ?? e.endsAt} empty="open" />
                          </Td>
                          <Td className="text-right tabular-nums">{e.sessions.toLocaleString("en-US")}</Td>
                          <Td className="whitespace-nowrap">
                            {(phase === "draft" || phase === "scheduled") && (
                              <Button size="sm" variant="secondary" onClick={() => setPending({ experiment: e, to: "running" })} aria-label={`Start ${e.name}`}>
                                Start
                              </Button>
                            )}
                            {(phase === "running" || phase === "scheduled") && (
                              <Button size="sm" variant="ghost" className="ml-1" onClick={() => setPending({ experiment: e, to: "stopped" })} aria-label={`Stop ${e.name}`}>
                                Stop
                              </Button>
                            )}
                          </Td>
                        </Tr>
                      );
                    })}
                  </TBody>
                </Table>
                <Pagination total={page.total} limit={PAGE_SIZE} offset={offset} onChange={setOffset} />
              </>
            )}
          </QueryStates>
        </section>
      </div>

      <ConfirmDialog
        open={pending !== null}
        title={pending ? `${pending.to === "running" ? "Start" : "Stop"} “${pending.experiment.name}”?` : ""}
        confirmLabel={pending?.to === "running" ? "Start it" : "Stop it"}
        tone={pending?.to === "running" ? "primary" : "danger"}
        pending={change.isPending}
        error={change.error ? errorMessage(change.error) : null}
        onConfirm={() => pending && change.mutate(pending)}
        onCancel={() => {
          setPending(null);
          change.reset();
        }}
      >
        {pending?.to === "running" ? (
          <p>Its variants start serving the lists of {pending.experiment.context ? `the “${pending.experiment.context}” context` : "every context"} at once, each user always in the same variant.</p>
        ) : (
          <p>Lists go back to the models they served before. A stopped experiment cannot be started again: its figures stay as they are, to read.</p>
        )}
      </ConfirmDialog>
    </div>
  );
}
