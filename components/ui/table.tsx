import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";

/**
 * A data table in a bordered card. On narrow screens the card scrolls sideways instead of
 * squeezing the columns; the caption names the table for screen readers. The card takes focus,
 * so a table without links or buttons can still be scrolled from the keyboard.
 */
export function Table({ caption, children, busy = false }: { caption: string; children: ReactNode; busy?: boolean }) {
  return (
    <div
      role="region"
      aria-label={caption}
      tabIndex={0}
      className={`relative overflow-x-auto rounded-lg border border-stone-200 bg-white transition-opacity focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-500 ${busy ? "opacity-60" : ""}`}
      aria-busy={busy}
    >
      <table className="w-full min-w-full border-collapse text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function THead({ children }: { children: ReactNode }) {
  return (
    <thead className="border-b border-stone-200 bg-stone-50 text-xs font-medium uppercase tracking-wide text-stone-600">
      <tr>{children}</tr>
    </thead>
  );
}

export function Th({ className = "", ...props }: ThHTMLAttributes<HTMLTableCellElement>) {
  return <th scope="col" {...props} className={`whitespace-nowrap px-3 py-2.5 font-medium ${className}`} />;
}

export function TBody({ children }: { children: ReactNode }) {
  return <tbody className="divide-y divide-stone-100">{children}</tbody>;
}

export function Tr({ className = "", ...props }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr {...props} className={`hover:bg-stone-50 ${className}`} />;
}

export function Td({ className = "", ...props }: TdHTMLAttributes<HTMLTableCellElement>) {
  return <td {...props} className={`px-3 py-2.5 align-top ${className}`} />;
}
