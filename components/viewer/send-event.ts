import { apiFetch } from "@/lib/client/api-client";
import type { EventReceipt, EventType } from "@/lib/events/contract";

/** The event API as the viewer pages use it: always for the signed-in viewer, with their session. */
export type ViewerEventType = EventType;

export function sendEvent(type: ViewerEventType, body: Record<string, unknown>): Promise<EventReceipt> {
  return apiFetch<EventReceipt>(`/api/v1/events/${type}`, { method: "POST", body });
}

/**
 * For a page that is going away (tab hidden, closed, navigated from): the request must outlive
 * the page, so it goes with `keepalive` — or as a beacon where fetch cannot — and nobody waits
 * for the answer. The requestId in the body makes a resend harmless.
 */
export function sendEventOnExit(type: ViewerEventType, body: Record<string, unknown>): void {
  const url = `/api/v1/events/${type}`;
  const json = JSON.stringify(body);
  try {
    void fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: json, keepalive: true, credentials: "same-origin" }).catch(() => beacon(url, json));
  } catch {
    beacon(url, json);
  }
}

function beacon(url: string, json: string) {
  if (typeof navigator !== "undefined" && typeof navigator.sendBeacon === "function") navigator.sendBeacon(url, new Blob([json], { type: "application/json" }));
}

/** A sentence for a failed send, for the status line under the control. */
export function failureMessage(error: unknown): string {
  return error instanceof Error && error.message ? error.message : "Try again.";
}
