"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { batchStatuses, isTerminalStatus } from "@/lib/showtimes/contract";
import { furtherProgress, parseProgressEvent, snapshotOfBatch, type ProgressSnapshot } from "@/lib/showtimes/progress-view";
import { batchEventsUrl, fetchBatch, showtimeKeys } from "./api";

export type StreamState = "connecting" | "open" | "reconnecting" | "closed" | "unavailable";

/**
 * A batch's progress, live: the status is read once (GET) and the event stream takes over. The
 * stream replays every event after a reload and closes after the terminal one; if it cannot be
 * opened or kept, the status is polled instead until the batch is finished.
 */
export function useBatchProgress(transactionId: string | null, eventsUrl?: string) {
  const queryClient = useQueryClient();
  const [live, setLive] = useState<{ id: string; progress: ProgressSnapshot } | null>(null);
  const [stream, setStream] = useState<{ id: string; state: StreamState } | null>(null);
  const streamState: StreamState = stream && stream.id === transactionId ? stream.state : "connecting";
  const liveProgress = live && live.id === transactionId ? live.progress : null;

  const status = useQuery({
    queryKey: showtimeKeys.batch(transactionId ?? ""),
    queryFn: ({ signal }) => fetchBatch(transactionId!, signal),
    enabled: Boolean(transactionId),
    staleTime: 0,
    // The fallback: poll while the stream is gone and the batch is not finished.
    refetchInterval: (query) => {
      const data = query.state.data;
      if ((data && isTerminalStatus(data.status)) || query.state.status === "error") return false;
      return streamState === "unavailable" ? 2_000 : false;
    },
  });

  useEffect(() => {
    if (!transactionId) return;
    const id = transactionId;
    const source = new EventSource(eventsUrl ?? batchEventsUrl(id));
    let finished = false;
    const onEvent = (event: Event) => {
      // The batch status "error" shares its name with the connection's own error event; only ours carries data.
      if (!(event instanceof MessageEvent) || typeof event.data !== "string" || !event.data) {
        if (!finished) setStream({ id, state: source.readyState === EventSource.CLOSED ? "unavailable" : "reconnecting" });
        return;
      }
      const progress = parseProgressEvent(event.data);
      if (!progress || progress.transactionId !== id) return;
      setLive({ id, progress });
      if (isTerminalStatus(progress.status)) {
        finished = true;
        source.close();
        setStream({ id, state: "closed" });
        void queryClient.invalidateQueries({ queryKey: showtimeKeys.batch(id) });
      }
    };
    source.onopen = () => setStream({ id, state: "open" });
    for (const name of batchStatuses) source.addEventListener(name, onEvent);
    return () => {
      finished = true;
      source.close();
    };
  }, [transactionId, eventsUrl, queryClient]);

  const fromStatus = status.data ? snapshotOfBatch(status.data) : null;
  const progress = furtherProgress(fromStatus, liveProgress);

  // A finished batch changed the showtimes, the movies' summaries and the history: refresh them.
  const finishedId = progress && isTerminalStatus(progress.status) ? progress.transactionId : null;
  useEffect(() => {
    if (!finishedId) return;
    for (const part of ["existing", "movies", "batches"]) void queryClient.invalidateQueries({ queryKey: ["showtime-creation", part] });
  }, [finishedId, queryClient]);

  return { progress, status, streamState };
}
