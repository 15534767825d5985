import type { BatchStatus } from "@/lib/showtimes/contract";

const styles: Record<BatchStatus, { label: string; className: string }> = {
  waiting: { label: "Waiting", className: "bg-stone-100 text-stone-700 ring-stone-300" },
  processing: { label: "Processing", className: "bg-sky-50 text-sky-800 ring-sky-300" },
  succeeded: { label: "Succeeded", className: "bg-emerald-50 text-emerald-800 ring-emerald-300" },
  failed: { label: "Failed: conflicts", className: "bg-amber-50 text-amber-900 ring-amber-300" },
  error: { label: "Error", className: "bg-red-50 text-red-800 ring-red-300" },
};

/** A batch's status as a coloured word: the colour helps, the word carries the meaning. */
export function BatchStatusBadge({ status }: { status: BatchStatus }) {
  const s = styles[status];
  return <span className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${s.className}`}>{s.label}</span>;
}
