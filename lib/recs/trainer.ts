import "server-only";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { inNextBundle, threadFromSource } from "@/lib/jobs/source-thread";
import type { TrainingRequest, TrainingThreadMessage } from "./training-thread";

export type TrainingOutcome = Extract<TrainingThreadMessage, { type: "done" }>;

/**
 * Trains one model on a thread of its own and resolves with the encoded result. Progress arrives
 * through `onProgress` as the thread reports it. The thread ends with the training.
 */
export function trainOnThread(request: TrainingRequest, onProgress: (fraction: number, label: string) => void): Promise<TrainingOutcome> {
  const worker = spawnTrainingThread();
  return new Promise<TrainingOutcome>((resolve, reject) => {
    let settled = false;
    const finish = (error: Error | null, outcome?: TrainingOutcome) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      if (error) reject(error);
      else resolve(outcome!);
    };
    worker.on("message", (message: TrainingThreadMessage) => {
      if (message.type === "progress") onProgress(message.fraction, message.label);
      else if (message.type === "done") finish(null, message);
      else finish(new Error(message.message));
    });
    worker.on("error", (error) => finish(error));
    worker.on("exit", (code) => finish(new Error(`The training thread stopped (exit code ${code}) before it finished`)));
    worker.postMessage(request);
  });
}

function spawnTrainingThread(): Worker {
  const name = "marquee-training";
  if (!inNextBundle()) return threadFromSource(path.join(path.dirname(fileURLToPath(import.meta.url)), "training-thread.ts"), { name });
  return new Worker(new URL("./training-thread.ts", import.meta.url), { name });
}
