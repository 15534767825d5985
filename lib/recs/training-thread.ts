import "server-only";
import { parentPort } from "node:worker_threads";
import { evaluateModels } from "./evaluation/evaluate";
import { encodeModel, trainModel, type Algorithm } from "./model";
import type { TrainingData } from "./training-data";

/**
 * The training thread's entry (started by ./trainer.ts): a model is trained here, on an event loop
 * and heap of its own, so a training never holds up the requests of the process that asked for it.
 * It touches no database: the data comes in a message and the encoded model goes back in one.
 */

export interface TrainingRequest {
  algorithm: Algorithm;
  params: unknown;
  seed: number;
  data: TrainingData;
  /** Measure on a held-out split first (offline metrics), then train on everything. */
  evaluate: { k: number; testFraction: number } | null;
}

export type TrainingThreadMessage =
  | { type: "progress"; fraction: number; label: string }
  | {
      type: "done";
      meta: Record<string, unknown>;
      bytes: Uint8Array;
      counts: { users: number; items: number; interactions: number };
      metrics: { precisionAtK: number; recallAtK: number; ndcgAtK: number; mapAtK: number; coverage: number; users: number } | null;
    }
  | { type: "failed"; message: string };

// The held-out measurement is a smaller training of the same model: a little under half the work.
const EVALUATION_SHARE = 0.4;

export function runTraining(request: TrainingRequest, tell: (message: TrainingThreadMessage) => void, transfer: (message: TrainingThreadMessage, list: ArrayBuffer[]) => void) {
  const { algorithm, params, seed, data } = request;
  let metrics: Extract<TrainingThreadMessage, { type: "done" }>["metrics"] = null;
  const share = request.evaluate ? EVALUATION_SHARE : 0;
  if (request.evaluate) {
    const report = evaluateModels(data, {
      algorithms: [algorithm],
      seed,
      k: request.evaluate.k,
      testFraction: request.evaluate.testFraction,
      params: { [algorithm]: params },
      cold: null,
      onProgress: ({ fraction, label }) => tell({ type: "progress", fraction: fraction * share, label: `measuring on held-out data: ${label}` }),
    });
    const row = report.rows[0]!;
    metrics = { precisionAtK: row.precision, recallAtK: row.recall, ndcgAtK: row.ndcg, mapAtK: row.map, coverage: row.coverage, users: row.users };
  }
  const model = trainModel(algorithm, data, params, {
    seed,
    onProgress: (fraction, label) => tell({ type: "progress", fraction: share + fraction * (0.98 - share), label }),
  });
  tell({ type: "progress", fraction: 0.98, label: "encoding" });
  const { meta, bytes } = encodeModel(model);
  const done: TrainingThreadMessage = { type: "done", meta: meta as Record<string, unknown>, bytes, counts: model.counts, metrics };
  transfer(done, [bytes.buffer as ArrayBuffer]);
}

if (parentPort) {
  const port = parentPort;
  port.once("message", (request: TrainingRequest) => {
    try {
      runTraining(
        request,
        (message) => port.postMessage(message),
        (message, list) => port.postMessage(message, list),
      );
    } catch (error) {
      port.postMessage({ type: "failed", message: error instanceof Error ? error.message : String(error) } satisfies TrainingThreadMessage);
    }
  });
}
