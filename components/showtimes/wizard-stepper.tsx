"use client";

import { useEffect, useRef } from "react";

export interface StepInfo {
  n: number;
  label: string;
  /** What was chosen there, shown under the label once done. */
  summary?: string;
  reachable: boolean;
}

/** The wizard's steps as an ordered list of buttons; the current one is marked for assistive tech. */
export function WizardStepper({ steps, current, onGo, locked }: { steps: StepInfo[]; current: number; onGo(n: number): void; locked?: boolean }) {
  const navRef = useRef<HTMLElement>(null);
  // On a phone the steps scroll sideways: keep the current one in view.
  useEffect(() => {
    const nav = navRef.current;
    const active = nav?.querySelector<HTMLElement>('[aria-current="step"]');
    if (nav && active) nav.scrollLeft = Math.max(0, active.offsetLeft - 16);
  }, [current]);
  return (
    <nav ref={navRef} aria-label="Wizard steps" className="relative overflow-x-auto">
      <ol className="flex min-w-max gap-1 sm:min-w-0 sm:gap-2">
        {steps.map((s) => {
          const isCurrent = s.n === current;
          const done = s.n < current;
          return (
            <li key={s.n} className="sm:flex-1">
              <button
                type="button"
                onClick={() => onGo(s.n)}
                disabled={!s.reachable || isCurrent || locked}
                aria-current={isCurrent ? "step" : undefined}
                className={`flex w-full items-start gap-2 rounded-md border px-2.5 py-2 text-left text-sm transition-colors disabled:cursor-default ${
                  isCurrent ? "border-brand-500 bg-brand-50" : s.reachable && !locked ? "border-stone-200 bg-white hover:bg-stone-100" : "border-stone-200 bg-stone-50 text-stone-400"
                }`}
              >
                <span
                  aria-hidden
                  className={`grid h-6 w-6 flex-none place-items-center rounded-full text-xs font-semibold ${isCurrent ? "bg-brand-600 text-white" : done ? "bg-emerald-600 text-white" : "bg-stone-200 text-stone-600"}`}
                >
                  {done ? "✓" : s.n}
                </span>
                <span className="min-w-0">
                  <span className={`block font-medium ${isCurrent ? "text-brand-700" : s.reachable ? "text-stone-800" : ""}`}>
                    <span className="sr-only">Step {s.n}: </span>
                    {s.label}
                  </span>
                  {s.summary && <span className="block max-w-[11rem] truncate text-xs text-stone-500 sm:max-w-none">{s.summary}</span>}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
