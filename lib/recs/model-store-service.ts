import "server-only";
import type { DatabaseHandle } from "@/db/client";
import { activeModelVersions, loadModelArtifact } from "@/db/queries/recs";
import { logger } from "@/lib/log/logger";
import type { RecommenderAlgorithm } from "./contract";
import { decodeModel, type TrainedModel } from "./model";
import { USERS_CHANGED_CHANNEL } from "@/db/queries/events";
import { MODELS_CHANNEL } from "./channels";
import { ListCache, parseStaleListsPayload } from "./list-cache";

const PINNED_VERSIONS_KEPT = 4;

export interface LoadedModel {
  algorithm: RecommenderAlgorithm;
  version: number;
  model: TrainedModel;
  loadedAt: Date;
}

/**
 * The models this process serves: the active version of each algorithm, decoded from Postgres on
 * first use, and loaded again when any instance says the active versions changed (a training was
 * activated, an admin rolled back, POST /model/reload). Nothing is ever read from a path.
 */
/** About 20 kB a list of a hundred: a few thousand users' lists stay within a hundred megabytes. */
const LISTS_KEPT = 5_000;
/** A bound on how long a lost notification could leave a list stale. */
const LIST_TTL_MS = 60_000;

export class ModelStore {
  private readonly loaded = new Map<RecommenderAlgorithm, LoadedModel>();
  private readonly pinned = new Map<number, LoadedModel>();
  private queue: Promise<void> = Promise.resolve();
  private synced = false;

  /** The lists this instance served lately (list-cache.ts), forgotten when their users change. */
  readonly lists = new ListCache({ maxEntries: LISTS_KEPT, ttlMs: LIST_TTL_MS, now: () => Date.now() });

  constructor(private readonly handle: DatabaseHandle) {}

  async start(): Promise<void> {
    await this.handle.listen(MODELS_CHANNEL, () => {
      void this.reload().catch((error) => logger.warn({ err: error }, "could not reload the active models"));
    });
    await this.handle.listen(USERS_CHANGED_CHANNEL, (payload) => this.lists.invalidate(parseStaleListsPayload(payload)));
  }

  /** The active model of an algorithm, or null when none is trained yet. */
  async get(algorithm: RecommenderAlgorithm): Promise<LoadedModel | null> {
    if (!this.synced) await this.reload();
    return this.loaded.get(algorithm) ?? null;
  }

  /**
   * A particular version (an experiment may pin one that is not active), loaded on first use and
   * kept among the last few so pinned variants do not decode on every request.
   */
  async getVersion(version: number): Promise<LoadedModel | null> {
    if (!this.synced) await this.reload();
    for (const loaded of this.loaded.values()) if (loaded.version === version) return loaded;
    const cached = this.pinned.get(version);
    if (cached) return cached;
    const row = await loadModelArtifact(this.handle.db, version);
    if (!row?.artifact || !row.meta || row.status !== "ready") return null;
    const model = decodeModel(row.meta, new Uint8Array(row.artifact.buffer, row.artifact.byteOffset, row.artifact.byteLength));
    const loaded: LoadedModel = { algorithm: row.algorithm as RecommenderAlgorithm, version, model, loadedAt: new Date() };
    this.pinned.set(version, loaded);
    if (this.pinned.size > PINNED_VERSIONS_KEPT) this.pinned.delete(this.pinned.keys().next().value!);
    return loaded;
  }

  /** What is in memory now, for /model/info. */
  snapshot(): LoadedModel[] {
    return [...this.loaded.values()].sort((a, b) => a.algorithm.localeCompare(b.algorithm));
  }

  /**
   * Brings memory in line with the active versions: loads what changed, drops what was deactivated.
   * Reloads run one after another, and each reads the active versions afresh, so one asked for
   * after an activation never answers with what an earlier, still running, reload read.
   */
  reload(): Promise<void> {
    const run = this.queue.then(() => this.sync());
    this.queue = run.catch(() => {});
    return run;
  }

  private async sync(): Promise<void> {
    const active = await activeModelVersions(this.handle.db);
    const wanted = new Set<string>();
    for (const version of active) {
      const algorithm = version.algorithm as RecommenderAlgorithm;
      wanted.add(algorithm);
      if (this.loaded.get(algorithm)?.version === version.id) continue;
      const row = await loadModelArtifact(this.handle.db, version.id);
      if (!row?.artifact || !row.meta) continue;
      const model = decodeModel(row.meta, new Uint8Array(row.artifact.buffer, row.artifact.byteOffset, row.artifact.byteLength));
      this.loaded.set(algorithm, { algorithm, version: version.id, model, loadedAt: new Date() });
      logger.info({ algorithm, version: version.id }, "loaded a recommendation model");
    }
    for (const algorithm of [...this.loaded.keys()]) if (!wanted.has(algorithm)) this.loaded.delete(algorithm);
    this.synced = true;
  }
}

const globalForModels = globalThis as unknown as { marqueeModelStore?: Promise<ModelStore>; marqueeModelStoreStarted?: ModelStore };

/** The process's model store, listening for changes from the first use on. */
export function getModelStore(handle: DatabaseHandle): Promise<ModelStore> {
  globalForModels.marqueeModelStore ??= (async () => {
    const store = new ModelStore(handle);
    await store.start();
    globalForModels.marqueeModelStoreStarted = store;
    return store;
  })().catch((error) => {
    globalForModels.marqueeModelStore = undefined;
    throw error;
  });
  return globalForModels.marqueeModelStore;
}

/**
 * Loads the active models when a server starts, so the first viewers after a deploy do not wait
 * while they are read and decoded. A failure only means they load on first use.
 */
export async function preloadModels(handle: DatabaseHandle): Promise<void> {
  try {
    await (await getModelStore(handle)).reload();
  } catch (error) {
    logger.warn({ err: error }, "could not load the recommendation models at start; they load on first use");
  }
}

/** This process forgets the lists it served these users, at once (others hear it from the database). */
export function forgetServedLists(userIds: readonly string[]): void {
  globalForModels.marqueeModelStoreStarted?.lists.invalidate(userIds);
}

/** Brings this process's store (if it has one yet) up to date at once, not on the notification. */
export async function reloadModelStoreIfStarted(): Promise<void> {
  const store = await globalForModels.marqueeModelStore?.catch(() => undefined);
  await store?.reload();
}

/**
 * The health check's view: ok when this instance serves a model for every algorithm that has an
 * active version, not_configured before the first training, down when one cannot be loaded.
 */
export async function describeModels(handle: DatabaseHandle): Promise<{ status: "ok" | "not_configured" | "down" | "degraded"; detail: string }> {
  try {
    const store = await getModelStore(handle);
    const [active] = await Promise.all([activeModelVersions(handle.db), store.reload()]);
    if (!active.length) return { status: "not_configured", detail: "no recommendation models are trained yet" };
    const loaded = store.snapshot();
    const missing = active.filter((v) => !loaded.some((m) => m.algorithm === v.algorithm && m.version === v.id));
    const served = loaded.map((m) => `${m.algorithm} v${m.version}`).join(", ");
    if (missing.length) return { status: "degraded", detail: `serving ${served || "nothing"}; not loaded: ${missing.map((v) => `${v.algorithm} v${v.id}`).join(", ")}` };
    return { status: "ok", detail: `serving ${served}` };
  } catch (error) {
    return { status: "down", detail: error instanceof Error ? error.message : String(error) };
  }
}
