import "server-only";
import type { DatabaseHandle } from "@/db/client";
import { insertModelVersion, saveTrainedModel } from "@/db/queries/recs";
import { AppError } from "@/lib/errors/app-error";
import type { FactorTable } from "./factor-csv";
import { alsModelFromFactors, encodeModel } from "./model";
import { activateAndAnnounce, loadTrainingData } from "./training-service";

/**
 * Factors trained elsewhere (Spark MLlib's ALS, `implicit`) as a model version like any other: the
 * movies it knows get the catalog's genres and the popularity of our data, so the fallbacks and
 * reasons work as for a model trained here. Rows for movies the catalog lacks are dropped.
 */
export async function importAlsFactors(
  handle: DatabaseHandle,
  input: { users: FactorTable; items: FactorTable; hyperparameters: { regularization?: number; alpha?: number }; activate: boolean; now: Date },
) {
  if (input.users.factors !== input.items.factors) {
    throw new AppError("bad_request:factor_csv", `The user factors have ${input.users.factors} columns and the item factors ${input.items.factors}; they must match`);
  }
  const data = await loadTrainingData(handle.db, input.now);
  const catalogIndex = new Map(data.itemIds.map((id, i) => [id, i]));
  const keep: number[] = [];
  input.items.ids.forEach((id, row) => catalogIndex.has(id) && keep.push(row));
  if (!keep.length) throw new AppError("bad_request:factor_csv", "None of the item ids is a movie in the catalog");
  const f = input.items.factors;
  const itemFactors = new Float32Array(keep.length * f);
  keep.forEach((row, i) => itemFactors.set(input.items.values.subarray(row * f, (row + 1) * f), i * f));
  const itemIds = keep.map((row) => input.items.ids[row]!);
  const popularityOf = (() => {
    const counts = new Float32Array(data.itemIds.length);
    for (let e = 0; e < data.matrix.values.length; e++) if (data.matrix.values[e]! > 0) counts[data.matrix.indices[e]!]! += 1;
    return counts;
  })();
  const model = alsModelFromFactors({
    userIds: input.users.ids,
    itemIds,
    factors: f,
    userFactors: input.users.values,
    itemFactors,
    params: input.hyperparameters,
    itemGenres: itemIds.map((id) => data.itemGenres[catalogIndex.get(id)!] ?? []),
    popularity: Float32Array.from(itemIds, (id) => popularityOf[catalogIndex.get(id)!]!),
    trainedAt: input.now,
  });
  const { meta, bytes } = encodeModel(model);
  const version = await insertModelVersion(handle.db, { algorithm: "als", hyperparameters: model.params as unknown as Record<string, unknown>, seed: 0, requestedBy: null, source: "imported" });
  await saveTrainedModel(handle.db, version.id, {
    meta: meta as Record<string, unknown>,
    artifact: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    counts: { users: input.users.ids.length, items: itemIds.length, interactions: 0 },
    metrics: null,
    trainingMs: 0,
    finishedAt: input.now,
  });
  if (input.activate) await activateAndAnnounce(handle, version.id, input.now);
  return { version: version.id, users: input.users.ids.length, items: itemIds.length, droppedItems: input.items.ids.length - itemIds.length, factors: f };
}
