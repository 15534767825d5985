import { apiFetch, queryString } from "@/lib/client/api-client";
import type { CreateExperimentInput, Experiment, ExperimentPage, ExperimentResults, ExperimentStatus } from "@/lib/experiments/contract";
import type { ModelVersionPage } from "@/lib/recs/contract";

/** The experiments API as /admin/experiments uses it; the shapes are the contract's. */

export const experimentKeys = {
  all: ["experiments"] as const,
  list: (status: string, offset: number) => ["experiments", "list", status, offset] as const,
  results: (id: string) => ["experiments", "results", id] as const,
  readyModels: ["models", "ready-for-experiments"] as const,
};

export function fetchExperiments(params: { status?: ExperimentStatus; limit: number; offset: number }, signal?: AbortSignal) {
  return apiFetch<ExperimentPage>(`/api/v1/experiments${queryString(params)}`, { signal });
}

/** The body as the form builds it: the contract's input before its defaults are applied. */
export type NewExperimentBody = Omit<Partial<CreateExperimentInput>, "variants"> & Pick<CreateExperimentInput, "name" | "variants">;

export function createExperiment(body: NewExperimentBody) {
  return apiFetch<Experiment>("/api/v1/experiments", { method: "POST", body });
}

export function changeExperimentStatus(id: string, status: "running" | "stopped") {
  return apiFetch<Experiment>(`/api/v1/experiments/${id}`, { method: "PATCH", body: { status } });
}

export function fetchExperimentResults(id: string, signal?: AbortSignal) {
  return apiFetch<ExperimentResults>(`/api/v1/experiments/${id}/results`, { signal });
}

/** Trained versions a variant can pin (the newest 200 is plenty: older ones are rarely compared). */
export async function fetchReadyModelVersions(signal?: AbortSignal) {
  const page = await apiFetch<ModelVersionPage>(`/api/v1/models${queryString({ limit: 200, offset: 0 })}`, { signal });
  return page.items.filter((v) => v.status === "ready");
}

/** What an experiment is doing now, in the list's words: a running one whose start is ahead is scheduled. */
export function experimentPhase(experiment: Pick<Experiment, "status" | "startedAt">, now: Date): "draft" | "scheduled" | "running" | "stopped" {
  if (experiment.status === "running" && experiment.startedAt && Date.parse(experiment.startedAt) > now.getTime()) return "scheduled";
  return experiment.status;
}

/** "50 / 50" from the variants' weights, in whole percent. */
export function splitText(variants: Pick<Experiment["variants"][number], "weight">[]): string {
  const total = variants.reduce((sum, v) => sum + v.weight, 0);
  return variants.map((v) => `${Math.round((v.weight / total) * 1000) / 10}`).join(" / ");
}
