"use client";

import { useEffect } from "react";
import { parsePendingSearch, searchEventFor } from "@/lib/viewer/search-event";
import { sendEvent } from "./send-event";

export const PENDING_SEARCH_KEY = "marquee:pending-search";

/**
 * On the results of a search the viewer just submitted, sends the search event with the number
 * of results. Renders nothing. The marker's requestId makes a second send (a remount) harmless.
 */
export function SearchEventReporter({ userId, query, genre, resultsCount }: { userId: string; query?: string; genre?: string; resultsCount: number }) {
  useEffect(() => {
    let stored: string | null = null;
    try {
      stored = sessionStorage.getItem(PENDING_SEARCH_KEY);
    } catch {
      return;
    }
    const pending = parsePendingSearch(stored);
    const metadata = searchEventFor(pending, { query, genre, resultsCount });
    if (!pending || !metadata) return;
    sessionStorage.removeItem(PENDING_SEARCH_KEY);
    sendEvent("search", { requestId: pending.requestId, userId, clientTimestamp: new Date().toISOString(), metadata }).catch(() => {
      // A lost search event is not worth interrupting the viewer for.
    });
  }, [userId, query, genre, resultsCount]);
  return null;
}
