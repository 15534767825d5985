import "server-only";
import type { DatabaseHandle } from "@/db/client";
import { activeModelVersions, findModelVersion, insertModelVersion } from "@/db/queries/recs";
import { logger } from "@/lib/log/logger";
import { recommenderAlgorithms } from "./contract";
import { shouldPromote } from "./promotion";
import { activateAndAnnounce, hyperparametersFor, trainVersion } from "./training-service";

/**
 * The nightly run: each algorithm is trained again on everything the app knows, with the
 * hyperparameters of the version being served (or the defaults), and served if it is not clearly
 * worse than that version on held-out data (promotion.ts).
 */
export async function nightlyTraining(handle: DatabaseHandle, now: Date) {
  const serving = new Map((await activeModelVersions(handle.db)).map((v) => [v.algorithm, v]));
  const results: { algorithm: string; version: number; status: string; promoted: boolean }[] = [];
  for (const algorithm of recommenderAlgorithms) {
    const current = serving.get(algorithm);
    const version = await insertModelVersion(handle.db, { algorithm, hyperparameters: hyperparametersFor(algorithm, current?.hyperparameters), seed: current?.seed ?? 1, requestedBy: null });
    const outcome = await trainVersion(handle, version.id, { activate: false, now: () => new Date() });
    const trained = await findModelVersion(handle.db, version.id);
    const promoted = outcome.status === "ready" && shouldPromote(trained?.metrics ?? null, current?.metrics ?? null);
    if (promoted) await activateAndAnnounce(handle, version.id, new Date());
    else if (outcome.status === "ready") logger.warn({ algorithm, version: version.id, metrics: trained?.metrics, serving: current?.metrics }, "nightly model is worse than the one served; kept the old one");
    results.push({ algorithm, version: version.id, status: outcome.status, promoted });
  }
  return { startedAt: now.toISOString(), results };
}
