"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { isFinishedStatus, modelStatuses, TrainingProgress } from "@/lib/recs/contract";
import { modelKeys, trainingProgressUrl } from "./models-api";

export type ProgressStream = "connecting" | "open" | "reconnecting" | "closed";

/**
 * A training's progress, live over Server-Sent Events until it is ready or failed; the version
 * list is refreshed when it ends. EventSource reconnects by itself when the connection drops.
 */
export function useTrainingProgress(version: number | null) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<{ version: number; progress: TrainingProgress | null; stream: ProgressStream } | null>(null);

  useEffect(() => {
    if (version === null) return;
    const source = new EventSource(trainingProgressUrl(version));
    let finished = false;
    const onEvent = (event: Event) => {
      if (!(event instanceof MessageEvent) || typeof event.data !== "string" || !event.data) {
        if (!finished) setState((s) => ({ version, progress: s?.version === version ? s.progress : null, stream: "reconnecting" }));
        return;
      }
      let parsed;
      try {
        parsed = TrainingProgress.safeParse(JSON.parse(event.data));
      } catch {
        return;
      }
      if (!parsed.success || parsed.data.version !== version) return;
      const progress = parsed.data;
      setState({ version, progress, stream: "open" });
      if (isFinishedStatus(progress.status)) {
        finished = true;
        source.close();
        setState({ version, progress, stream: "closed" });
        void queryClient.invalidateQueries({ queryKey: modelKeys.all });
      }
    };
    source.onopen = () => setState((s) => ({ version, progress: s?.version === version ? s.progress : null, stream: "open" }));
    for (const name of modelStatuses) source.addEventListener(name, onEvent);
    source.onerror = onEvent;
    return () => {
      finished = true;
      source.close();
    };
  }, [version, queryClient]);

  if (version === null) return null;
  return state && state.version === version ? state : { version, progress: null, stream: "connecting" as const };
}
