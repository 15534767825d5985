import { apiFetch, queryString } from "@/lib/client/api-client";
import type { ModelInfo, ModelVersion, ModelVersionPage, RecommenderAlgorithm, TrainingAccepted } from "@/lib/recs/contract";

/** The model-version API as /admin/models uses it; the shapes are the contract's. */

export const modelKeys = {
  all: ["models"] as const,
  list: (algorithm: string, offset: number) => ["models", "list", algorithm, offset] as const,
  info: ["models", "info"] as const,
};

export function fetchModelVersions(params: { algorithm?: RecommenderAlgorithm; limit: number; offset: number }, signal?: AbortSignal) {
  return apiFetch<ModelVersionPage>(`/api/v1/models${queryString(params)}`, { signal });
}

export function fetchModelInfo(signal?: AbortSignal) {
  return apiFetch<ModelInfo>("/api/v1/model/info", { signal });
}

export function startTraining(body: { algorithm: RecommenderAlgorithm; hyperparameters?: Record<string, unknown>; activate: boolean }) {
  return apiFetch<TrainingAccepted>("/api/v1/models", { method: "POST", body });
}

export function activateModel(version: number) {
  return apiFetch<ModelVersion>(`/api/v1/models/${version}/activate`, { method: "POST" });
}

export function trainingProgressUrl(version: number) {
  return `/api/v1/models/${version}/progress`;
}
