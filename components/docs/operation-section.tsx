import type { ReferenceOperation } from "@/lib/openapi/reference";
import { AccessBadge } from "./access-badge";
import { CodeBlock, ExampleDetails } from "./code-block";
import { FieldTable } from "./field-table";
import { MethodBadge, StatusBadge } from "./method-badge";
import { InlineText } from "./inline-text";

const subheading = "mb-2 text-sm font-semibold text-stone-900";

/** One endpoint: method and path, who may call it, parameters, body, responses and a curl call. */
export function OperationSection({ op }: { op: ReferenceOperation }) {
  const titleId = `${op.id}-title`;
  return (
    <section id={op.id} aria-labelledby={titleId} className="scroll-mt-20 rounded-lg border border-stone-200 bg-white shadow-sm">
      <div className="space-y-2 border-b border-stone-200 p-4">
        <h3 id={titleId} className="text-lg font-semibold tracking-tight text-stone-900">
          <a href={`#${op.id}`} className="hover:underline">
            {op.summary}
          </a>
        </h3>
        <p className="flex flex-wrap items-center gap-2">
          <MethodBadge method={op.method} />
          <code className="font-mono text-sm text-stone-800 [overflow-wrap:anywhere]">{op.path}</code>
        </p>
        {op.description && <p className="text-sm text-stone-700"><InlineText text={op.description} /></p>}
        <AccessBadge access={op.access} />
      </div>

      <div className="space-y-6 p-4">
        {op.parameters.length > 0 && (
          <div>
            <h4 className={subheading}>Parameters</h4>
            <FieldTable rows={op.parameters} caption={`Parameters of ${op.summary}`} />
          </div>
        )}

        {op.body && (
          <div>
            <h4 className={subheading}>Request body</h4>
            <p className="mb-2 text-sm text-stone-700">
              JSON (<code className="font-mono text-xs">Content-Type: application/json</code>)
              {op.body.schemaName && (
                <>
                  , schema{" "}
                  <a href={`#schema-${op.body.schemaName}`} className="font-mono text-xs text-violet-800 underline decoration-violet-300 underline-offset-2">
                    {op.body.schemaName}
                  </a>
                </>
              )}
              . Fields not listed here are rejected.
            </p>
            <FieldTable rows={op.body.fields} caption={`Request body of ${op.summary}`} />
            {op.body.example && <ExampleDetails code={op.body.example} label="Request body" summary="Example request body" />}
          </div>
        )}

        <div>
          <h4 className={subheading}>Responses</h4>
          <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200">
            {op.responses.map((r) => (
              <li key={r.status} className="px-3 py-2 text-sm">
                <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
                  <StatusBadge status={r.status} />
                  <span className="font-medium text-stone-900">{r.statusText}</span>
                  <span className="text-stone-700"><InlineText text={r.description} /></span>
                  {r.schemaName && (
                    <a
                      href={r.isError ? "#errors" : `#schema-${r.schemaName}`}
                      className="font-mono text-xs text-violet-800 underline decoration-violet-300 underline-offset-2"
                    >
                      {r.schemaName}
                    </a>
                  )}
                  {!r.schemaName && r.contentType && <code className="font-mono text-xs text-stone-600">{r.contentType}</code>}
                </div>
                {r.example && !r.isError && <ExampleDetails code={r.example} label={`Response ${r.status}`} summary={`Example response ${r.status}`} />}
              </li>
            ))}
          </ul>
        </div>

        <div>
          <h4 className={subheading}>Example</h4>
          <CodeBlock code={op.curl} label="curl" />
        </div>
      </div>
    </section>
  );
}
