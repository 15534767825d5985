import type { ApiReference } from "@/lib/openapi/reference";
import { OperationSection } from "./operation-section";
import { ReferenceContents } from "./reference-contents";
import { ReferenceIntro } from "./reference-intro";
import { SchemaList } from "./schema-list";
import { ScrollToHash } from "./scroll-to-hash";
import { InlineText } from "./inline-text";

/** The whole reference: contents (folded on phones, a sticky sidebar on wide screens) beside the sections. */
export function ApiReferenceView({ reference, origin, openApiPath }: { reference: ApiReference; origin: string; openApiPath: string }) {
  return (
    <div className="lg:grid lg:grid-cols-[15rem_minmax(0,1fr)] lg:gap-10">
      <ScrollToHash />
      <aside className="hidden lg:block">
        <div className="sticky top-20 max-h-[calc(100vh-6rem)] overflow-y-auto pb-8">
          <ReferenceContents groups={reference.groups} label="API reference contents" />
        </div>
      </aside>

      <div className="min-w-0">
        <header className="mb-6">
          <p className="text-sm font-medium text-brand-700">Version {reference.version}</p>
          <h1 className="text-3xl font-semibold tracking-tight text-stone-900">{reference.title} reference</h1>
          <p className="mt-2 max-w-2xl text-stone-700">
            Every endpoint of the Marquee JSON API: who may call it, what to send, what comes back.
          </p>
          <p className="mt-3 flex flex-wrap gap-2 text-sm">
            <a href={openApiPath} className="inline-flex items-center rounded-md bg-white px-3 py-1.5 font-medium text-stone-800 ring-1 ring-stone-300 hover:bg-stone-100">
              OpenAPI 3.1 JSON
            </a>
          </p>
        </header>

        <details className="mb-8 rounded-lg border border-stone-200 bg-white lg:hidden">
          <summary className="cursor-pointer px-4 py-3 text-sm font-medium text-stone-900">Contents</summary>
          <div className="border-t border-stone-200 px-2 py-3">
            <ReferenceContents groups={reference.groups} label="API reference contents" />
          </div>
        </details>

        <ReferenceIntro reference={reference} origin={origin} openApiPath={openApiPath} />

        {reference.groups.map((g) => (
          <section key={g.slug} id={g.slug} aria-labelledby={`${g.slug}-title`} className="mt-12 scroll-mt-20">
            <h2 id={`${g.slug}-title`} className="text-xl font-semibold tracking-tight text-stone-900">
              {g.tag}
            </h2>
            {g.description && <p className="mt-1 text-sm text-stone-700"><InlineText text={g.description} /></p>}
            <div className="mt-4 space-y-6">
              {g.operations.map((op) => (
                <OperationSection key={`${op.method} ${op.path}`} op={op} />
              ))}
            </div>
          </section>
        ))}

        <section id="schemas" aria-labelledby="schemas-title" className="mt-12 scroll-mt-20">
          <h2 id="schemas-title" className="text-xl font-semibold tracking-tight text-stone-900">
            Schemas
          </h2>
          <p className="mb-4 mt-1 text-sm text-stone-700">The shapes the endpoints above send and answer with.</p>
          <SchemaList schemas={reference.schemas} />
        </section>
      </div>
    </div>
  );
}
