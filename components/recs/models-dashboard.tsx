"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { errorMessage } from "@/components/admin/field-errors";
import { QueryStates } from "@/components/admin/query-states";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { describedBy, Field, Select, Textarea } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { EmptyState, Notice } from "@/components/ui/states";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import { ApiClientError } from "@/lib/client/api-client";
import { recommenderAlgorithms, type ModelVersion, type RecommenderAlgorithm } from "@/lib/recs/contract";
import { MetricsChart } from "./metrics-chart";
import { activateModel, fetchModelVersions, modelKeys, startTraining } from "./models-api";
import { TrainingProgressPanel } from "./training-progress";
import { useTrainingProgress } from "./use-training-progress";

const PAGE_SIZE = 20;

export const algorithmLabels: Record<RecommenderAlgorithm, string> = {
  als: "ALS (implicit feedback)",
  hybrid: "Hybrid (genres + ids, WARP)",
  ease: "EASE (item–item, closed form)",
  popular: "Popularity",
};

function AlgorithmOptions() {
  return recommenderAlgorithms.map((a) => (
    <option key={a} value={a}>
      {algorithmLabels[a]}
    </option>
  ));
}

const statusStyle: Record<ModelVersion["status"], string> = {
  queued: "bg-stone-100 text-stone-700",
  training: "bg-sky-100 text-sky-900",
  ready: "bg-emerald-100 text-emerald-900",
  failed: "bg-red-100 text-red-900",
};

function percent(value: number | undefined | null, digits = 1) {
  return value === undefined || value === null ? "—" : `${(value * 100).toFixed(digits)}%`;
}

function seconds(ms: number | null) {
  return ms === null ? "—" : ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function bytes(n: number | null) {
  return n === null ? "—" : n < 1024 * 1024 ? `${Math.round(n / 1024)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * /admin/models: start a training and follow it live, compare versions by their held-out metrics,
 * and choose which version each algorithm serves (activate a new one, or roll back).
 */
export function ModelsDashboard() {
  const queryClient = useQueryClient();
  const [algorithm, setAlgorithm] = useState<RecommenderAlgorithm | "all">("all");
  const [offset, setOffset] = useState(0);
  const [following, setFollowing] = useState<number | null>(null);
  const [toActivate, setToActivate] = useState<ModelVersion | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const progress = useTrainingProgress(following);

  const versions = useQuery({
    queryKey: modelKeys.list(algorithm, offset),
    queryFn: ({ signal }) => fetchModelVersions({ algorithm: algorithm === "all" ? undefined : algorithm, limit: PAGE_SIZE, offset }, signal),
    placeholderData: keepPreviousData,
    // A training started elsewhere (the nightly job, another admin) shows up without a reload.
    refetchInterval: (query) => (query.state.data?.items.some((v) => v.status === "queued" || v.status === "training") ? 3_000 : 30_000),
  });

  const activate = useMutation({
    mutationFn: (version: ModelVersion) => activateModel(version.version),
    onSuccess: (version) => {
      setToActivate(null);
      setNotice(`${algorithmLabels[version.algorithm]} now serves version ${version.version}.`);
      void queryClient.invalidateQueries({ queryKey: modelKeys.all });
    },
  });

  const filterId = useId();
  return (
    <div className="space-y-6">
      <PageHeader title="Recommendation models" description="Every trained version with its offline metrics (20% of each user's interactions held out). Each algorithm serves its active version; train a new one or roll back here." />
      {notice && <Notice tone="success">{notice}</Notice>}
      <div className="grid gap-6 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
        <TrainForm onStarted={(version) => setFollowing(version)} />
        <section aria-labelledby="live-training" className="space-y-3">
          <h2 id="live-training" className="text-base font-semibold text-stone-900">
            Training
          </h2>
          {following === null ? (
            <p className="text-sm text-stone-600">Start a training to follow it here, live. Trainings run on a worker, off the request path; the nightly run trains every algorithm at 00:00 UTC.</p>
          ) : (
            <TrainingProgressPanel version={following} state={progress} />
          )}
        </section>
      </div>

      <section aria-labelledby="versions-heading" className="space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="versions-heading" className="text-base font-semibold text-stone-900">
            Versions
          </h2>
          <div className="w-56">
            <Field id={filterId} label="Algorithm">
              <Select
                id={filterId}
                value={algorithm}
                onChange={(e) => {
                  setAlgorithm(e.target.value as RecommenderAlgorithm | "all");
                  setOffset(0);
                }}
              >
                <option value="all">All algorithms</option>
                <AlgorithmOptions />
              </Select>
            </Field>
          </div>
        </div>
        <QueryStates
          query={versions}
          what="model versions"
          isEmpty={(page) => page.total === 0}
          empty={<EmptyState title="No models yet">Train one above; a fresh install trains a first model of each kind when it starts.</EmptyState>}
        >
          {(page) => (
            <>
              <MetricsChart versions={page.items} />
              <Table caption="Model versions, newest first" busy={versions.isFetching && versions.isPlaceholderData}>
                <THead>
                  <Th>Version</Th>
                  <Th>Algorithm</Th>
                  <Th>Status</Th>
                  <Th className="text-right">P@10</Th>
                  <Th className="text-right">R@10</Th>
                  <Th className="text-right">NDCG@10</Th>
                  <Th className="text-right">Coverage</Th>
                  <Th className="text-right">Interactions</Th>
                  <Th className="text-right">Training</Th>
                  <Th className="text-right">Size</Th>
                  <Th>Trained</Th>
                  <Th>
                    <span className="sr-only">Actions</span>
                  </Th>
                </THead>
                <TBody>
                  {page.items.map((v) => (
                    <Tr key={v.version}>
                      <Td className="font-medium tabular-nums">v{v.version}</Td>
                      <Td>{algorithmLabels[v.algorithm]}</Td>
                      <Td>
                        <span className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ${statusStyle[v.status]}`}>
                          {v.status}
                          {v.status === "training" && ` ${Math.round(v.progress * 100)}%`}
                        </span>
                        {v.active && <span className="ml-1 inline-flex rounded-full bg-brand-100 px-2 py-0.5 text-xs font-medium text-brand-800">serving</span>}
                        {v.error && <p className="mt-1 max-w-xs text-xs text-red-800">{v.error}</p>}
                      </Td>
                      <Td className="text-right tabular-nums">{percent(v.metrics?.precisionAtK)}</Td>
                      <Td className="text-right tabular-nums">{percent(v.metrics?.recallAtK)}</Td>
                      <Td className="text-right tabular-nums">{percent(v.metrics?.ndcgAtK)}</Td>
                      <Td className="text-right tabular-nums">{percent(v.metrics?.coverage)}</Td>
                      <Td className="text-right tabular-nums">{v.counts ? v.counts.interactions.toLocaleString("en-US") : "—"}</Td>
                      <Td className="text-right tabular-nums">{seconds(v.trainingMs)}</Td>
                      <Td className="text-right tabular-nums">{bytes(v.artifactBytes)}</Td>
                      <Td className="whitespace-nowrap text-stone-700">{v.finishedAt ? new Date(v.finishedAt).toLocaleString() : "—"}</Td>
                      <Td className="whitespace-nowrap">
                        {v.status === "ready" && !v.active && (
                          <Button size="sm" variant="secondary" onClick={() => setToActivate(v)} aria-label={`Serve version ${v.version} of ${algorithmLabels[v.algorithm]}`}>
                            Serve
                          </Button>
                        )}
                        {(v.status === "queued" || v.status === "training") && following !== v.version && (
                          <Button size="sm" variant="ghost" onClick={() => setFollowing(v.version)} aria-label={`Follow the training of version ${v.version}`}>
                            Follow
                          </Button>
                        )}
                      </Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
              <Pagination total={page.total} limit={PAGE_SIZE} offset={offset} onChange={setOffset} />
            </>
          )}
        </QueryStates>
      </section>

      <ConfirmDialog
        open={toActivate !== null}
        title={toActivate ? `Serve version ${toActivate.version}?` : ""}
        confirmLabel="Serve it"
        tone="primary"
        pending={activate.isPending}
        error={activate.error ? errorMessage(activate.error) : null}
        onConfirm={() => toActivate && activate.mutate(toActivate)}
        onCancel={() => {
          setToActivate(null);
          activate.reset();
        }}
      >
        {toActivate && (
          <p>
            Every instance starts serving {algorithmLabels[toActivate.algorithm]} version {toActivate.version} (held-out P@10 {percent(toActivate.metrics?.precisionAtK)}) at once, instead of the one it serves
            now. You can switch back the same way.
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}

const hyperparameterHints: Record<RecommenderAlgorithm, string> = {
  als: '{"factors": 64, "iterations": 15, "regularization": 40, "alpha": 7}',
  hybrid: '{"factors": 32, "epochs": 20, "learningRate": 0.05, "loss": "warp"}',
  ease: '{"lambda": 250, "maxItems": 1000}',
  popular: "{}",
};

function TrainForm({ onStarted }: { onStarted(version: number): void }) {
  const queryClient = useQueryClient();
  const ids = { algorithm: useId(), hyper: useId(), activate: useId() };
  const [algorithm, setAlgorithm] = useState<RecommenderAlgorithm>("als");
  const [hyperparameters, setHyperparameters] = useState("");
  const [activate, setActivate] = useState(true);
  const [jsonError, setJsonError] = useState<string | null>(null);
  const train = useMutation({
    mutationFn: startTraining,
    onSuccess: (accepted) => {
      onStarted(accepted.version);
      void queryClient.invalidateQueries({ queryKey: modelKeys.all });
    },
  });
  const fields = train.error instanceof ApiClientError ? train.error.fields : {};
  const hyperField = Object.entries(fields).find(([key]) => key.startsWith("hyperparameters"));
  const hyperError = jsonError ?? (hyperField ? `${hyperField[0].replace(/^hyperparameters\.?/, "") || "hyperparameters"}: ${hyperField[1]}` : undefined);

  return (
    <form
      aria-labelledby="train-heading"
      className="space-y-4 rounded-lg border border-stone-200 bg-white p-4"
      onSubmit={(e) => {
        e.preventDefault();
        let parsed: Record<string, unknown> | undefined;
        if (hyperparameters.trim()) {
          try {
            const value: unknown = JSON.parse(hyperparameters);
            if (!value || typeof value !== "object" || Array.isArray(value)) throw new Error();
            parsed = value as Record<string, unknown>;
          } catch {
            setJsonError("Write the hyperparameters as a JSON object, or leave them empty for the defaults");
            return;
          }
        }
        setJsonError(null);
        train.mutate({ algorithm, hyperparameters: parsed, activate });
      }}
    >
      <h2 id="train-heading" className="text-base font-semibold text-stone-900">
        Train a model
      </h2>
      <Field id={ids.algorithm} label="Algorithm" error={fields.algorithm}>
        <Select id={ids.algorithm} value={algorithm} onChange={(e) => setAlgorithm(e.target.value as RecommenderAlgorithm)}>
          <AlgorithmOptions />
        </Select>
      </Field>
      <Field id={ids.hyper} label="Hyperparameters (optional)" hint={`JSON; the defaults: ${hyperparameterHints[algorithm]}`} error={hyperError || undefined}>
        <Textarea
          id={ids.hyper}
          rows={3}
          value={hyperparameters}
          onChange={(e) => setHyperparameters(e.target.value)}
          placeholder={hyperparameterHints[algorithm]}
          aria-invalid={Boolean(hyperError)}
          aria-describedby={describedBy(ids.hyper, hyperError || undefined, "hint")}
          className="font-mono"
          spellCheck={false}
        />
      </Field>
      <label htmlFor={ids.activate} className="flex items-start gap-2 text-sm text-stone-800">
        <input id={ids.activate} type="checkbox" checked={activate} onChange={(e) => setActivate(e.target.checked)} className="mt-0.5 h-4 w-4 rounded border-stone-300 accent-brand-600" />
        <span>Serve it as soon as it is trained</span>
      </label>
      {train.error && !Object.keys(fields).length && <p role="alert" className="text-sm text-red-800">{errorMessage(train.error)}</p>}
      <Button type="submit" disabled={train.isPending}>
        {train.isPending ? "Starting…" : "Train"}
      </Button>
    </form>
  );
}
