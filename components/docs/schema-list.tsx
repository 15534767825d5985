import type { ReferenceSchema } from "@/lib/openapi/reference";
import { ExampleDetails } from "./code-block";
import { FieldTable } from "./field-table";
import { InlineText } from "./inline-text";

/** Every named schema of the document, each with an anchor the field tables link to. */
export function SchemaList({ schemas }: { schemas: ReferenceSchema[] }) {
  return (
    <div className="space-y-6">
      {schemas.map((s) => (
        <section key={s.name} id={`schema-${s.name}`} aria-labelledby={`schema-${s.name}-title`} className="scroll-mt-20">
          <h3 id={`schema-${s.name}-title`} className="font-mono text-base font-semibold text-stone-900">
            {s.name}
          </h3>
          {s.description && <p className="mb-2 mt-1 text-sm text-stone-700"><InlineText text={s.description} /></p>}
          {s.fields.length > 0 ? (
            <div className="mt-2">
              <FieldTable rows={s.fields} caption={`Fields of ${s.name}`} />
            </div>
          ) : null}
          {s.example && <ExampleDetails code={s.example} label={s.name} />}
        </section>
      ))}
    </div>
  );
}
