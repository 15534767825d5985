import type { TrendItem } from "./api";

const tones: Record<TrendItem["externalStatus"], string> = {
  ok: "bg-emerald-50 text-emerald-800 ring-emerald-300",
  no_key: "bg-amber-50 text-amber-900 ring-amber-300",
  no_tmdb_id: "bg-amber-50 text-amber-900 ring-amber-300",
  pending: "bg-stone-100 text-stone-700 ring-stone-300",
  missing: "bg-red-50 text-red-800 ring-red-300",
  error: "bg-red-50 text-red-800 ring-red-300",
};

/** The external vote average with where it came from; the word carries the meaning, the colour helps. */
export function ExternalScore({ item, showMessage = true }: { item: TrendItem; showMessage?: boolean }) {
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-1.5">
        <span className="font-medium tabular-nums text-stone-900">{item.externalVoteAverage === null ? "—" : item.externalVoteAverage.toFixed(1)}</span>
        <span className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[item.externalStatus]}`}>{item.externalLabel}</span>
      </div>
      {showMessage && item.externalMessage && <p className="max-w-72 text-xs text-stone-600">{item.externalMessage}</p>}
    </div>
  );
}
