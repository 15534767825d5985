"use client";

import { useState } from "react";
import { newRequestId } from "@/lib/viewer/request-id";
import { failureMessage, sendEvent } from "./send-event";

type Status = { tone: "info" | "error"; text: string } | null;

/** Adds the movie to the viewer's favorites or takes it out, as a favorite event. */
export function FavoriteToggle({ userId, movieId, title, initialFavorite }: { userId: string; movieId: string; title: string; initialFavorite: boolean }) {
  const [favorite, setFavorite] = useState(initialFavorite);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<Status>(null);

  async function toggle() {
    const next = !favorite;
    setFavorite(next);
    setBusy(true);
    setStatus(null);
    try {
      await sendEvent("favorite", { requestId: newRequestId("favorite"), userId, movieId, clientTimestamp: new Date().toISOString(), metadata: { action: next ? "add" : "remove" } });
      setStatus({ tone: "info", text: next ? `Added ${title} to your favorites.` : `Removed ${title} from your favorites.` });
    } catch (error) {
      setFavorite(!next);
      setStatus({ tone: "error", text: `That did not work. ${failureMessage(error)}` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div>
      <button
        type="button"
        aria-pressed={favorite}
        onClick={toggle}
        disabled={busy}
        className={`inline-flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium ring-1 transition-colors disabled:cursor-wait ${
          favorite ? "bg-rose-50 text-rose-700 ring-rose-200 hover:bg-rose-100" : "bg-white text-stone-800 ring-stone-300 hover:bg-stone-100"
        }`}
      >
        <svg viewBox="0 0 24 24" className={`h-5 w-5 ${favorite ? "text-rose-600" : "text-stone-500"}`} aria-hidden>
          <path
            d="M12 20.5s-7.5-4.6-9.2-9.3C1.6 7.9 3.8 4.5 7.2 4.5c2 0 3.6 1.1 4.8 2.8 1.2-1.7 2.8-2.8 4.8-2.8 3.4 0 5.6 3.4 4.4 6.7-1.7 4.7-9.2 9.3-9.2 9.3z"
            fill={favorite ? "currentColor" : "none"}
            stroke="currentColor"
            strokeWidth="1.8"
            strokeLinejoin="round"
          />
        </svg>
        {favorite ? "In your favorites" : "Add to favorites"}
      </button>
      <p role="status" className={`mt-1 text-sm ${status?.tone === "error" ? "text-red-700" : "text-stone-600"}`}>
        {status?.text}
      </p>
    </div>
  );
}
