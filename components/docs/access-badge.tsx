import type { Access } from "@/lib/openapi/reference";

/** Who may call an operation: a short label, and the sentence that explains it. */
export function AccessBadge({ access }: { access: Access }) {
  const tone =
    access.level === "public"
      ? "bg-stone-100 text-stone-700 ring-stone-200"
      : access.level === "admin" || access.level === "signed-in"
        ? "bg-brand-100 text-brand-700 ring-brand-500/30"
        : "bg-violet-100 text-violet-800 ring-violet-200";
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm text-stone-700">
      <span className="font-medium text-stone-900">Who may call:</span>
      <span className={`rounded px-1.5 py-0.5 font-mono text-xs font-medium ring-1 ring-inset ${tone}`}>{access.label}</span>
      <span>{access.detail}</span>
    </p>
  );
}
