"use client";

import { useEffect, useId, useRef, useState } from "react";
import { ratingLabel, STARS, starFill, type StarFill } from "@/lib/viewer/half-stars";
import { newRequestId } from "@/lib/viewer/request-id";
import { failureMessage, sendEvent, sendEventOnExit } from "./send-event";

// Arrow keys step through every half star; wait for the viewer to settle before sending.
const SETTLE_MS = 500;

type Status = { tone: "info" | "error"; text: string } | null;

/**
 * Half-star rating as a group of ten radio buttons (arrow keys move by half a star). A change is
 * sent as a rating event with the rating it replaces as previousRating.
 */
export function StarRating({ userId, movieId, title, initialRating }: { userId: string; movieId: string; title: string; initialRating: number | null }) {
  const name = useId();
  const [value, setValue] = useState<number | null>(initialRating);
  const [hover, setHover] = useState<number | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const saved = useRef<number | null>(initialRating);
  const pending = useRef<{ timer: ReturnType<typeof setTimeout>; rating: number } | null>(null);

  function bodyFor(rating: number) {
    const previousRating = saved.current;
    return {
      requestId: newRequestId("rating"),
      userId,
      movieId,
      clientTimestamp: new Date().toISOString(),
      metadata: { rating, ...(previousRating !== null ? { previousRating } : {}) },
    };
  }

  function save(rating: number) {
    pending.current = null;
    if (rating === saved.current) return;
    const body = bodyFor(rating);
    setStatus({ tone: "info", text: "Saving…" });
    sendEvent("rating", body).then(
      () => {
        saved.current = rating;
        setStatus({ tone: "info", text: `Saved your rating: ${ratingLabel(rating)}.` });
      },
      (error: unknown) => {
        setValue(saved.current);
        setStatus({ tone: "error", text: `Your rating was not saved. ${failureMessage(error)}` });
      },
    );
  }

  function choose(rating: number) {
    setValue(rating);
    if (pending.current) clearTimeout(pending.current.timer);
    pending.current = { rating, timer: setTimeout(() => save(rating), SETTLE_MS) };
  }

  // A choice still waiting to be sent when the page goes away is sent on the way out.
  useEffect(() => {
    return () => {
      const waiting = pending.current;
      if (!waiting) return;
      clearTimeout(waiting.timer);
      if (waiting.rating !== saved.current) sendEventOnExit("rating", bodyFor(waiting.rating));
    };
    // bodyFor reads refs only; this runs once, on unmount.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const shown = hover ?? value;
  return (
    <fieldset className="min-w-0">
      <legend className="text-sm font-medium text-stone-800">Your rating</legend>
      <div className="mt-1 flex flex-wrap items-center gap-3">
        <div role="radiogroup" aria-label={`Rate ${title}`} className="flex" onMouseLeave={() => setHover(null)}>
          {Array.from({ length: STARS }, (_, i) => {
            const star = i + 1;
            return (
              <span key={star} className="relative h-9 w-9">
                <StarIcon fill={starFill(shown, star)} preview={hover !== null} />
                {[star - 0.5, star].map((v) => (
                  <label
                    key={v}
                    className={`absolute top-0 h-full w-1/2 cursor-pointer rounded-sm has-[:focus-visible]:outline has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-600 ${v === star ? "right-0" : "left-0"}`}
                    onMouseEnter={() => setHover(v)}
                  >
                    <input type="radio" name={name} value={v} checked={value === v} onChange={() => choose(v)} aria-label={ratingLabel(v)} className="absolute inset-0 m-0 h-full w-full cursor-pointer appearance-none opacity-0" />
                  </label>
                ))}
              </span>
            );
          })}
        </div>
        <span className="text-sm tabular-nums text-stone-700" aria-hidden>
          {shown !== null ? `${shown} / 5` : "Not rated yet"}
        </span>
      </div>
      <p role="status" className={`mt-1 text-sm ${status?.tone === "error" ? "text-red-700" : "text-stone-600"}`}>
        {status?.text}
      </p>
    </fieldset>
  );
}

function StarIcon({ fill, preview }: { fill: StarFill; preview: boolean }) {
  const path = "M12 2.5l2.9 6.1 6.6.8-4.9 4.6 1.3 6.6L12 17.3l-5.9 3.3 1.3-6.6-4.9-4.6 6.6-.8z";
  const color = preview ? "text-amber-300" : "text-amber-400";
  return (
    <span className="pointer-events-none absolute inset-0" aria-hidden>
      <svg viewBox="0 0 24 24" className="absolute inset-0 h-full w-full text-stone-300">
        <path d={path} fill="currentColor" />
      </svg>
      {fill !== "empty" && (
        <span className={`absolute inset-y-0 left-0 overflow-hidden ${fill === "half" ? "w-1/2" : "w-full"}`}>
          <svg viewBox="0 0 24 24" className={`h-9 w-9 ${color}`}>
            <path d={path} fill="currentColor" />
          </svg>
        </span>
      )}
    </span>
  );
}
