import "server-only";
import type { DatabaseHandle } from "@/db/client";
import { activeModelVersions, findModelVersion, listModelVersions, type ModelVersionSummary } from "@/db/queries/recs";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors/app-error";
import { page } from "@/lib/http/pagination";
import { logger } from "@/lib/log/logger";
import { MODELS_CHANNEL, TRAINING_PROGRESS_CHANNEL } from "./channels";
import { isFinishedStatus, type ModelInfo, type ModelVersion, type ModelVersionPage, type RecommenderAlgorithm, type ReloadResult, type TrainingProgress } from "./contract";
import { getModelStore } from "./model-store-service";
import { activateAndAnnounce, progressOf } from "./training-service";

/** A version as the API shows it. */
export function versionView(row: ModelVersionSummary): ModelVersion {
  return {
    version: row.id,
    algorithm: row.algorithm as RecommenderAlgorithm,
    status: row.status,
    source: row.source,
    active: row.active,
    hyperparameters: row.hyperparameters,
    seed: row.seed,
    counts: row.counts,
    metrics: row.metrics,
    trainingMs: row.trainingMs,
    artifactBytes: row.artifactBytes,
    progress: row.progress,
    progressLabel: row.progressLabel,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    activatedAt: row.activatedAt?.toISOString() ?? null,
  };
}

export async function listVersions(handle: DatabaseHandle, query: { algorithm?: RecommenderAlgorithm; limit: number; offset: number }): Promise<ModelVersionPage> {
  const { items, total } = await listModelVersions(handle.db, query);
  return page(items.map(versionView), total, query.limit, query.offset);
}

export async function getVersion(handle: DatabaseHandle, version: number): Promise<ModelVersion> {
  const row = await findModelVersion(handle.db, version);
  if (!row) throw new AppError("not_found:model_version", `No model version ${version}`, { fields: { version: "Not found" } });
  return versionView(row);
}

/** GET /model/info: what is active in the database, and what this instance has loaded. */
export async function modelInfo(handle: DatabaseHandle): Promise<ModelInfo> {
  const store = await getModelStore(handle);
  const [active] = await Promise.all([activeModelVersions(handle.db), store.reload()]);
  return {
    defaultModel: env().RECS_DEFAULT_MODEL,
    models: active.map(versionView),
    loaded: store.snapshot().map((m) => ({ algorithm: m.algorithm, version: m.version, loadedAt: m.loadedAt.toISOString() })),
  };
}

/**
 * POST /model/reload: every instance loads the active versions again; with a version, that version
 * becomes its algorithm's active one first. Versions are looked up by number, never by a path.
 */
export async function reloadModels(handle: DatabaseHandle, version: number | undefined, now: Date): Promise<ReloadResult> {
  if (version !== undefined) await activateAndAnnounce(handle, version, now);
  else await handle.notify(MODELS_CHANNEL, JSON.stringify({ reload: true }));
  const store = await getModelStore(handle);
  await store.reload();
  return { reloaded: store.snapshot().map((m) => ({ algorithm: m.algorithm, version: m.version })), notified: true };
}

export async function activateVersion(handle: DatabaseHandle, version: number, now: Date): Promise<ModelVersion> {
  await activateAndAnnounce(handle, version, now);
  await (await getModelStore(handle)).reload();
  return getVersion(handle, version);
}

// A missed notification must not stall a stream: read the row again now and then.
const RESYNC_MS = 2_000;
const HEARTBEAT_MS = 15_000;

/**
 * A training's progress as Server-Sent Events: where it stands now, then every change, until it is
 * ready or failed; then the stream closes. Every instance hears of a change (LISTEN/NOTIFY).
 */
export function trainingProgressStream(params: { handle: DatabaseHandle; version: number; signal: AbortSignal }): ReadableStream<Uint8Array> {
  const { handle, version, signal } = params;
  const encoder = new TextEncoder();
  let closed = false;
  let seq = 0;
  let last = "";
  const cleanups: (() => void | Promise<void>)[] = [];
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const close = () => {
        if (closed) return;
        closed = true;
        for (const cleanup of cleanups) void Promise.resolve(cleanup()).catch(() => {});
        try {
          controller.close();
        } catch {
          // The client went away first.
        }
      };
      const send = async () => {
        if (closed) return;
        const row = await findModelVersion(handle.db, version);
        if (!row || closed) return;
        const progress: TrainingProgress = progressOf(row, new Date());
        const key = `${progress.status}|${progress.progress}|${progress.label}`;
        if (key !== last) {
          last = key;
          controller.enqueue(encoder.encode(`id: ${++seq}\nevent: ${progress.status}\ndata: ${JSON.stringify(progress)}\n\n`));
        }
        if (isFinishedStatus(progress.status)) close();
      };
      const safeSend = () => void send().catch((error) => logger.warn({ err: error, version }, "could not read training progress"));
      signal.addEventListener("abort", close);
      cleanups.push(() => signal.removeEventListener("abort", close));
      if (signal.aborted) return close();
      const unlisten = await handle.listen(TRAINING_PROGRESS_CHANNEL, (payload) => {
        try {
          if ((JSON.parse(payload) as { version?: number }).version === version) safeSend();
        } catch {
          // Not ours.
        }
      });
      cleanups.push(unlisten);
      const resync = setInterval(safeSend, RESYNC_MS);
      const heartbeat = setInterval(() => !closed && controller.enqueue(encoder.encode(": still training\n\n")), HEARTBEAT_MS);
      cleanups.push(() => clearInterval(resync), () => clearInterval(heartbeat));
      controller.enqueue(encoder.encode(`retry: 2000\n: training of model version ${version}\n\n`));
      await send();
    },
    cancel() {
      closed = true;
      for (const cleanup of cleanups) void Promise.resolve(cleanup()).catch(() => {});
    },
  });
}
