import type { ApiReference } from "@/lib/openapi/reference";
import type { AccessCell } from "@/lib/openapi/access";
import { CodeBlock } from "./code-block";
import { StatusBadge } from "./method-badge";
import { InlineText } from "./inline-text";

const h2 = "scroll-mt-20 text-xl font-semibold tracking-tight text-stone-900";
const prose = "scroll-mt-20 space-y-3 text-sm leading-relaxed text-stone-700";
const inlineCode = "rounded bg-stone-100 px-1 py-0.5 font-mono text-[13px] text-stone-800";

/** Getting started, authentication, errors and pagination: what every caller needs before the endpoints. */
export function ReferenceIntro({ reference, origin, openApiPath }: { reference: ApiReference; origin: string; openApiPath: string }) {
  const { pagination } = reference;
  return (
    <div className="space-y-10">
      <section id="getting-started" aria-labelledby="getting-started-title" className={prose}>
        <h2 id="getting-started-title" className={h2}>
          Getting started
        </h2>
        <p>
          The API lives under <code className={inlineCode}>{origin}/api/v1</code>. Requests and answers are JSON; send bodies with{" "}
          <code className={inlineCode}>Content-Type: application/json</code>. Unknown body fields and unknown query parameters are rejected with 400, so
          typos do not go unnoticed.
        </p>
        <p>
          The machine-readable description is an OpenAPI 3.1 document at{" "}
          <a href={openApiPath} className="font-medium text-brand-700 hover:underline">
            {openApiPath}
          </a>
          . Load it into Postman, Insomnia or Swagger UI, or generate a client from it. This page is rendered from the same document.
        </p>
      </section>

      <section id="authentication" aria-labelledby="authentication-title" className={prose}>
        <h2 id="authentication-title" className={h2}>
          Authentication
        </h2>
        <p>Reading the catalog needs nothing. Everything else takes one of two credentials:</p>
        <ul className="list-disc space-y-2 pl-5">
          <li>
            <strong className="text-stone-900">API token</strong>, for services and scripts. An admin creates one on{" "}
            <a href="/admin/tokens" className="font-medium text-brand-700 hover:underline">
              /admin/tokens
            </a>{" "}
            or from the command line; the secret is printed once and only its hash is kept. Send it in the{" "}
            <code className={inlineCode}>Authorization</code> header.
          </li>
          <li>
            <strong className="text-stone-900">Session</strong>, for people in the browser. Signing in on{" "}
            <a href="/signin" className="font-medium text-brand-700 hover:underline">
              /signin
            </a>{" "}
            sets the <code className={inlineCode}>next-auth.session-token</code> cookie, which the browser sends with every request. The role is read from
            the database each time, so a change of role applies at once.
          </li>
        </ul>
        <CodeBlock
          label="Create a token and use it"
          code={[
            "npm run marquee -- token create --email admin@example.com --scopes catalog:write --name importer",
            "export MARQUEE_TOKEN=mq_…   # the line it printed",
            `curl -H "Authorization: Bearer $MARQUEE_TOKEN" ${origin}/api/v1/admin/tokens`,
          ].join("\n")}
        />
        <p>
          A token may do what its scopes allow, and never more than its owner may: a token whose owner is no longer an admin is refused. The table
          says who may call each operation: <strong className="text-stone-900">yes</strong>, <strong className="text-stone-900">own</strong> (a
          viewer, for their own data only), or <span aria-hidden="true">—</span><span className="sr-only">no</span>. A scope column is a token with
          only that scope; the admin column is an admin signed in. The examples below read the token from{" "}
          <code className={inlineCode}>$MARQUEE_TOKEN</code>.
        </p>
        <div className="overflow-x-auto rounded-lg border border-stone-200 bg-white">
          <table className="w-full border-collapse text-left text-sm">
            <caption className="sr-only">Who may call each operation</caption>
            <thead className="border-b border-stone-200 bg-stone-50 text-xs font-medium text-stone-600">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">Operation</th>
                <th scope="col" className="px-2 py-2 text-center font-medium">Anyone</th>
                <th scope="col" className="px-2 py-2 text-center font-medium">Viewer</th>
                {reference.access.scopes.map((scope) => (
                  <th key={scope} scope="col" className="px-2 py-2 text-center font-mono font-medium">
                    {scope}
                  </th>
                ))}
                <th scope="col" className="px-2 py-2 text-center font-medium">Admin</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-stone-100">
              {reference.access.rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row" className="px-3 py-1.5 align-top font-normal">
                    <a href={`#${row.id}`} className="text-brand-700 hover:underline">
                      {row.summary}
                    </a>
                    <span className="block font-mono text-xs text-stone-600">
                      {row.method} {row.path}
                    </span>
                  </th>
                  <AccessCellView cell={row.access.anyone} />
                  <AccessCellView cell={row.access.viewer} />
                  {reference.access.scopes.map((scope) => (
                    <AccessCellView key={scope} cell={row.access.scopes[scope as keyof typeof row.access.scopes]} />
                  ))}
                  <AccessCellView cell={row.access.admin} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section id="errors" aria-labelledby="errors-title" className={prose}>
        <h2 id="errors-title" className={h2}>
          Errors
        </h2>
        <p>
          Every error has the same shape. <code className={inlineCode}>code</code> is stable and made for programs: its first part (the kind) decides the
          HTTP status, the part after the colon says what in particular went wrong. <code className={inlineCode}>fields</code>, when present, maps each
          offending field (dotted path; <code className={inlineCode}>query.limit</code> for query parameters) to what is wrong with it.
        </p>
        <CodeBlock
          label="Error body"
          code={JSON.stringify({ error: { code: "bad_request:validation", message: "Invalid title: Required", fields: { title: "Required" } } }, null, 2)}
        />
        <ul className="divide-y divide-stone-100 rounded-lg border border-stone-200 bg-white">
          {reference.errors.map((e) => (
            <li key={e.name} className="px-3 py-2">
              <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
                <StatusBadge status={e.status} />
                <span className="font-medium text-stone-900">{e.statusText}</span>
                <span><InlineText text={e.description} /></span>
              </div>
              <details className="mt-1">
                <summary className="cursor-pointer text-sm font-medium text-brand-700 hover:underline">Example</summary>
                <div className="mt-2">
                  <CodeBlock code={e.example} label={`Error ${e.status}`} />
                </div>
              </details>
            </li>
          ))}
          <li className="px-3 py-2">
            <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
              <StatusBadge status="500" />
              <span className="font-medium text-stone-900">or</span>
              <StatusBadge status="503" />
              <span>
                Any endpoint: <code className={inlineCode}>internal</code> (logged on our side with the request id from the{" "}
                <code className={inlineCode}>x-request-id</code> header) or <code className={inlineCode}>unavailable:database</code>.
              </span>
            </div>
          </li>
        </ul>
      </section>

      <section id="pagination" aria-labelledby="pagination-title" className={prose}>
        <h2 id="pagination-title" className={h2}>
          Pagination
        </h2>
        <p>
          Long lists take <code className={inlineCode}>limit</code>
          {pagination?.limitMax !== undefined && <> (at most {pagination.limitMax}, default {String(pagination.limitDefault)})</>} and{" "}
          <code className={inlineCode}>offset</code> and answer one page with the total. Ask again with{" "}
          <code className={inlineCode}>offset=nextOffset</code> until <code className={inlineCode}>nextOffset</code> is null. Short lists (genres,
          cities, tokens) come whole as <code className={inlineCode}>{"{ items }"}</code>.
        </p>
        <CodeBlock
          label="A page"
          code={[
            `curl '${origin}/api/v1/movies?limit=2&offset=0'`,
            JSON.stringify({ items: ["…", "…"], total: 9742, limit: 2, offset: 0, nextOffset: 2 }),
          ].join("\n")}
        />
      </section>
    </div>
  );
}

function AccessCellView({ cell }: { cell: AccessCell }) {
  if (cell === "no")
    return (
      <td className="px-2 py-1.5 text-center text-stone-500">
        <span aria-hidden="true">—</span>
        <span className="sr-only">no</span>
      </td>
    );
  return <td className={`px-2 py-1.5 text-center ${cell === "own" ? "text-stone-700" : "font-medium text-stone-900"}`}>{cell}</td>;
}
