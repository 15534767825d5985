const methodStyles: Record<string, string> = {
  GET: "bg-sky-100 text-sky-800 ring-sky-200",
  POST: "bg-emerald-100 text-emerald-800 ring-emerald-200",
  PUT: "bg-amber-100 text-amber-900 ring-amber-200",
  PATCH: "bg-amber-100 text-amber-900 ring-amber-200",
  DELETE: "bg-red-100 text-red-800 ring-red-200",
};

/** The HTTP method as a coloured label; the colour only repeats what the text says. */
export function MethodBadge({ method, size = "md" }: { method: string; size?: "sm" | "md" }) {
  const sizing = size === "sm" ? "w-12 px-1 py-0 text-[10px]" : "px-2 py-0.5 text-xs";
  return (
    <span className={`inline-block shrink-0 rounded text-center font-mono font-semibold ring-1 ring-inset ${sizing} ${methodStyles[method] ?? "bg-stone-100 text-stone-800 ring-stone-200"}`}>
      {method}
    </span>
  );
}

const statusStyles = {
  success: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  client: "bg-amber-50 text-amber-900 ring-amber-200",
  server: "bg-red-50 text-red-800 ring-red-200",
};

export function StatusBadge({ status }: { status: string }) {
  const code = Number(status);
  const tone = code >= 500 ? "server" : code >= 400 ? "client" : "success";
  return <span className={`inline-block shrink-0 rounded px-1.5 py-0.5 font-mono text-xs font-semibold ring-1 ring-inset ${statusStyles[tone]}`}>{status}</span>;
}
