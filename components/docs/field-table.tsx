import type { FieldRow, ParameterRow } from "@/lib/openapi/reference";
import { InlineText } from "./inline-text";

/**
 * Fields of a JSON schema (or an operation's parameters) as a table. On phones each row stacks
 * into a small card: name and type first, then the rules and the description.
 */
export function FieldTable({ rows, caption }: { rows: (FieldRow | ParameterRow)[]; caption: string }) {
  const withLocation = rows.some((r) => "location" in r);
  return (
    <div className="rounded-lg border border-stone-200 bg-white">
      <table className="w-full border-collapse text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="hidden border-b border-stone-200 bg-stone-50 text-xs font-medium uppercase tracking-wide text-stone-600 sm:table-header-group">
          <tr>
            <th scope="col" className="px-3 py-2 font-medium">{withLocation ? "Parameter" : "Field"}</th>
            <th scope="col" className="px-3 py-2 font-medium">Type</th>
            <th scope="col" className="w-56 px-3 py-2 font-medium">Rules</th>
            <th scope="col" className="px-3 py-2 font-medium">Description</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {rows.map((row) => (
            <tr key={`${"location" in row ? row.location : ""}${row.name}`} className="block px-3 py-2 sm:table-row sm:p-0">
              <th scope="row" className="block text-left font-normal sm:table-cell sm:px-3 sm:py-2 sm:align-top">
                <FieldName name={row.name} />
                <span className="mt-0.5 flex flex-wrap items-center gap-1.5">
                  {row.required ? (
                    <span className="rounded bg-red-50 px-1 text-[11px] font-medium text-red-700 ring-1 ring-inset ring-red-200">required</span>
                  ) : (
                    <span className="text-[11px] text-stone-500">optional</span>
                  )}
                  {"location" in row && <span className="text-[11px] text-stone-500">in {row.location}</span>}
                  <span className="sm:hidden">
                    <TypeLabel row={row} />
                  </span>
                </span>
              </th>
              <td className="hidden sm:table-cell sm:px-3 sm:py-2 sm:align-top">
                <TypeLabel row={row} />
              </td>
              <td className="block pt-1 sm:table-cell sm:px-3 sm:py-2 sm:align-top">
                {row.constraints.length > 0 && (
                  <ul className="space-y-0.5 text-xs text-stone-700">
                    {row.constraints.map((c) => (
                      <li key={c} className="[overflow-wrap:anywhere]">{c}</li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="block pt-1 text-stone-700 sm:table-cell sm:px-3 sm:py-2 sm:align-top">{row.description && <InlineText text={row.description} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "seatMap.blocks[].name": the parent path quiet and breakable after each dot, the field itself prominent. */
function FieldName({ name }: { name: string }) {
  const cut = name.lastIndexOf(".");
  const parents = cut >= 0 ? name.slice(0, cut + 1).split(".") : [];
  return (
    <code className="font-mono text-[13px]">
      {parents.length > 0 && (
        <span className="text-stone-500">
          {parents.slice(0, -1).map((part, i) => (
            <span key={i}>
              {part}.<wbr />
            </span>
          ))}
        </span>
      )}
      <span className="font-semibold text-stone-900">{name.slice(cut + 1)}</span>
    </code>
  );
}

/** The type, with each named schema in it linked to its section. */
function TypeLabel({ row }: { row: FieldRow }) {
  const pattern = row.typeRefs.length ? new RegExp(`\\b(${row.typeRefs.join("|")})\\b`) : null;
  const parts = pattern ? row.type.split(pattern) : [row.type];
  return (
    <code className="font-mono text-xs text-violet-800">
      {parts.map((part, i) =>
        row.typeRefs.includes(part) ? (
          <a key={i} href={`#schema-${part}`} className="underline decoration-violet-300 underline-offset-2 hover:decoration-violet-700">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </code>
  );
}
