import type { HTMLAttributes, ReactNode, TdHTMLAttributes, ThHTMLAttributes } from "react";

/**
 * A data table in a bordered card. On narrow screens the card scrolls sideways instead of
 * squeezing the columns; the caption names the table for screen readers.
 */
export function Table({ caption, children, busy = false, focusable = false }: { caption: string; children: ReactNode; busy?: boolean; focusable?: boolean }) {
  // A table with nothing focusable in it can still scroll sideways on a phone: `focusable` lets a
  // keyboard reach it (a named region in the tab order) so its hidden columns can be scrolled to.
  const region = focusable ? { tabIndex: 0, role: "region", "aria-label": caption } : {};
  return (
    <div {...region} className={`relative overflow-x-auto rounded-lg border border-stone-200 bg-white transition-opacity focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 ${busy ? "opacity-60" : ""}`} aria-busy={busy}>
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
