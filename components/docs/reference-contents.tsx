import type { ReferenceGroup } from "@/lib/openapi/reference";
import { MethodBadge } from "./method-badge";

export const introSections = [
  { id: "getting-started", label: "Getting started" },
  { id: "authentication", label: "Authentication" },
  { id: "errors", label: "Errors" },
  { id: "pagination", label: "Pagination" },
];

/** The table of contents: introduction, then each tag with its operations, then the schemas. */
export function ReferenceContents({ groups, label }: { groups: ReferenceGroup[]; label: string }) {
  const link = "block rounded px-2 py-1 text-sm text-stone-700 hover:bg-stone-200/60 hover:text-stone-900";
  return (
    <nav aria-label={label} className="space-y-4">
      <div>
        <p className="px-2 text-xs font-semibold uppercase tracking-wide text-stone-500">Introduction</p>
        <ul className="mt-1">
          {introSections.map((s) => (
            <li key={s.id}>
              <a href={`#${s.id}`} className={link}>
                {s.label}
              </a>
            </li>
          ))}
        </ul>
      </div>
      {groups.map((g) => (
        <div key={g.slug}>
          <a href={`#${g.slug}`} className="block px-2 text-xs font-semibold uppercase tracking-wide text-stone-500 hover:text-stone-900">
            {g.tag}
          </a>
          <ul className="mt-1">
            {g.operations.map((op) => (
              <li key={op.id}>
                <a href={`#${op.id}`} className={`${link} flex items-center gap-2`}>
                  <MethodBadge method={op.method} size="sm" />
                  <span className="min-w-0">{op.summary}</span>
                </a>
              </li>
            ))}
          </ul>
        </div>
      ))}
      <div>
        <a href="#schemas" className="block px-2 text-xs font-semibold uppercase tracking-wide text-stone-500 hover:text-stone-900">
          Schemas
        </a>
      </div>
    </nav>
  );
}
