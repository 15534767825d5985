"use client";

import { Notice } from "@/components/ui/states";

/** "Saved." in green, with a way to put it away. */
export function SuccessNotice({ message, onDismiss, className = "mb-4" }: { message: string; onDismiss?: () => void; className?: string }) {
  return (
    <div className={className}>
      <Notice tone="success">
        <span className="flex items-start justify-between gap-3">
          <span>{message}</span>
          {onDismiss && (
            <button type="button" onClick={onDismiss} className="-my-0.5 rounded px-1.5 text-emerald-800 hover:bg-emerald-100" aria-label="Dismiss message">
              <span aria-hidden>×</span>
            </button>
          )}
        </span>
      </Notice>
    </div>
  );
}
