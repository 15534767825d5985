import { CopyButton } from "./copy-button";

/** A dark code sample that scrolls sideways on narrow screens instead of widening the page. */
export function CodeBlock({ code, label, copy = true }: { code: string; label: string; copy?: boolean }) {
  return (
    <div className="overflow-hidden rounded-lg bg-stone-900">
      <div className="flex items-center justify-between gap-2 border-b border-stone-700 px-3 py-1.5">
        <span className="text-xs font-medium text-stone-400">{label}</span>
        {copy && <CopyButton text={code} label={label} />}
      </div>
      <pre className="overflow-x-auto p-3 text-xs leading-relaxed text-stone-100">
        <code>{code}</code>
      </pre>
    </div>
  );
}

/** An example kept folded so the reference stays scannable. */
export function ExampleDetails({ code, label, summary = `Example ${label}` }: { code: string; label: string; summary?: string }) {
  return (
    <details className="group mt-2">
      <summary className="cursor-pointer text-sm font-medium text-brand-700 hover:underline">{summary}</summary>
      <div className="mt-2">
        <CodeBlock code={code} label={label} />
      </div>
    </details>
  );
}
