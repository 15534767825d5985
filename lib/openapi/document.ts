import { z } from "zod";
import { requireActor, requireScope } from "@/lib/auth/actor";
import { createMovieSchema } from "@/lib/catalog/contract";
import { AppError } from "@/lib/errors/app-error";
import { MAX_SHOWTIMES_PER_BATCH } from "@/lib/showtimes/contract";
import type { JsonSchema, OpenApiDocument, OperationObject, ParameterObject, Reference, ResponseObject } from "./openapi-types";
import { accessRowOf } from "./access";
import type { ErrorStatus, OperationSpec } from "./operation-spec";
import { operations as allOperations, tags } from "./operations";
import { schemaRegistry, type SchemaMeta } from "./schema-registry";

export const SCHEMA_REF = "#/components/schemas/";
export const RESPONSE_REF = "#/components/responses/";
export const JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema";

/** Where the document is served; the reference page links to it. */
export const OPENAPI_PATH = "/api/v1/openapi.json";

const jsonSchemaOptions = {
  target: "draft-2020-12",
  // Requests are what callers send: defaults make a field optional, coerced query values are typed.
  io: "input",
  metadata: schemaRegistry,
  override: ({ zodSchema, jsonSchema }) => {
    // Names and field words come from our registry; `.describe()` in the domain contracts lands in
    // zod's global one. Take both.
    const global = z.globalRegistry.get(zodSchema)?.description;
    if (global && jsonSchema.description === undefined) jsonSchema.description = global;
  },
} satisfies z.core.ToJSONSchemaParams;

/** The shared error answers; each example is a real AppError, so its status is the one clients get. */
const errorResponses: Record<ErrorStatus, { name: string; description: string; example: AppError }> = {
  400: {
    name: "BadRequest",
    description: "The body is not valid JSON, or a field, path or query parameter is invalid or unknown. `fields` names each one.",
    example: AppError.fromZod(createMovieSchema.safeParse({ title: "", year: 1800 }).error!),
  },
  401: {
    name: "Unauthorized",
    description: "No session and no API token, or the token is unknown or revoked (`unauthorized:token`).",
    example: thrownBy(() => requireActor(null)),
  },
  403: {
    name: "Forbidden",
    description: "Signed in, but not allowed: not an admin, a token without the scope, or a token whose owner is no longer an admin (`forbidden:token_owner`).",
    example: thrownBy(() => requireScope({ kind: "token", tokenId: "t", userId: "u", scopes: ["recs:read"] }, "catalog:write")),
  },
  404: {
    name: "NotFound",
    description: "Nothing has an id given in the path or the body; `fields` names which.",
    example: new AppError("not_found:movie", "No movie with id '296'", { fields: { id: "Not found" } }),
  },
  409: {
    name: "Conflict",
    description:
      "The change conflicts with what is stored: the id or email is taken, the movie or theater has showtimes, the last admin would be demoted, or an Idempotency-Key was used for another request.",
    example: new AppError("conflict:movie", "A movie with id '296' already exists", { fields: { id: "Already taken" } }),
  },
  413: {
    name: "PayloadTooLarge",
    description: `The body is over the limit: 256 KiB; 16 KiB for sign-up; 2 MiB for showtime batches, which may also create at most ${MAX_SHOWTIMES_PER_BATCH.toLocaleString("en-US")} showtimes.`,
    example: new AppError("payload_too_large", "The body is larger than the limit of 256 KiB", { fields: { body: "Too large" } }),
  },
  415: {
    name: "UnsupportedMediaType",
    description: "The body is not sent as JSON. Send `Content-Type: application/json`.",
    example: new AppError("unsupported_media_type", "Send the body as JSON with 'Content-Type: application/json'", { fields: { body: "Expected application/json" } }),
  },
  422: {
    name: "UnprocessableContent",
    description: "Well-formed, but it does not fit what is stored: feedback naming a movie its session did not show, or another user's session. `fields` names each.",
    example: new AppError("unprocessable:feedback", "The feedback names movies session '01938f5e-7c1a-7d2e-9b4f-3a6c5d8e1f20' did not show", { fields: { selectedMovieId: "Not in the list the session showed" } }),
  },
  429: {
    name: "TooManyRequests",
    description: "Too many attempts from this client or for this account; try again later.",
    example: new AppError("rate_limited:sign_up", "Too many accounts created from here. Try again later."),
  },
  503: {
    name: "ServiceUnavailable",
    description:
      "The database did not answer in time (any operation may say so), or too many events are already waiting to be stored. Nothing of the request was stored. `Retry-After` (and `retryAfterSeconds`) says when to try again; event requests may be sent again with the same `requestId`.",
    example: new AppError("unavailable:event_queue", "Too many events are waiting to be stored; none of these was stored. Try again shortly", { retryAfterSeconds: 5 }),
  },
};

function thrownBy(act: () => unknown): AppError {
  try {
    act();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

export const securitySchemes = {
  bearerToken: {
    type: "http",
    scheme: "bearer",
    bearerFormat: "mq_ followed by 43 characters",
    description:
      "An API token for services and scripts: `Authorization: Bearer mq_…`. Admins create them with `npm run marquee -- token create --email <admin email> --scopes <scopes>` or on /admin/tokens. A token may do what its scopes allow; the `admin` scope allows everything.",
  },
  sessionCookie: {
    type: "apiKey",
    in: "cookie",
    name: "next-auth.session-token",
    description:
      "The session of a person who signed in on /signin (over HTTPS the cookie is `__Secure-next-auth.session-token`). Browsers send it by themselves. The role is read from the database on every request.",
  },
};

/** Builds the OpenAPI 3.1 document from the operation registry. Pure: the same input gives the same document. */
export function buildOpenApiDocument(operations: readonly OperationSpec[] = allOperations): OpenApiDocument {
  const schemas = componentSchemas();
  const paths: OpenApiDocument["paths"] = {};
  for (const op of operations) {
    const item = (paths[op.path] ??= {});
    const method = op.method.toLowerCase();
    if (item[method]) throw new Error(`${op.method} ${op.path} is in the operation registry twice`);
    item[method] = operationObject(op, schemas);
  }
  const responses: Record<string, ResponseObject> = {};
  for (const [status, spec] of Object.entries(errorResponses)) {
    if (String(spec.example.status) !== status) throw new Error(`${spec.example.code} answers ${spec.example.status}, not ${status}`);
    responses[spec.name] = {
      description: spec.description,
      content: { "application/json": { schema: { $ref: `${SCHEMA_REF}Error` }, example: spec.example.toJSON() } },
    };
  }
  return {
    openapi: "3.1.1",
    jsonSchemaDialect: JSON_SCHEMA_DIALECT,
    info: {
      title: "Marquee API",
      version: "1.0.0",
      summary: "Cinema scheduling and movie recommendations",
      description: [
        "JSON over HTTPS. Send bodies as `application/json`; unknown body fields and query parameters are rejected.",
        "Authenticate with an API token (`Authorization: Bearer mq_…`) or, from the browser, the session cookie set by signing in.",
        'Errors answer `{"error":{"code","message","fields"}}`; the part of `code` before the colon decides the status.',
        "Lists take `limit` and `offset` and answer `{items,total,limit,offset,nextOffset}`.",
        "The human-readable reference is at /docs/api.",
      ].join("\n\n"),
    },
    tags: tags.map((t) => ({ name: t.name, description: t.description })),
    paths,
    components: { schemas, responses, securitySchemes },
  };
}

let cached: OpenApiDocument | undefined;

/** The document for this process; built on first use. */
export function openApiDocument(): OpenApiDocument {
  return (cached ??= buildOpenApiDocument());
}

function componentSchemas(): Record<string, JsonSchema> {
  const { schemas } = z.toJSONSchema(schemaRegistry, { ...jsonSchemaOptions, uri: (id) => SCHEMA_REF + id }) as { schemas: Record<string, JsonSchema> };
  const out: Record<string, JsonSchema> = {};
  // By name: each domain's contract registers its own, so registration order is only import order.
  for (const [name, schema] of Object.entries(schemas).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    // Each would otherwise carry its own $schema and an $id naming its JSON pointer.
    const rest = { ...schema };
    delete rest.$schema;
    delete rest.$id;
    out[name] = rest;
  }
  return out;
}

/** A $ref for a named schema; otherwise the schema inline, its named parts as $refs. */
function schemaObject(schema: z.ZodType, components: Record<string, JsonSchema>): JsonSchema {
  const name = schemaRegistry.get(schema)?.id;
  if (name) return { $ref: SCHEMA_REF + name };
  const { $defs, ...inline } = z.toJSONSchema(schema, jsonSchemaOptions) as JsonSchema;
  delete inline.$schema;
  for (const def of Object.keys(($defs ?? {}) as Record<string, unknown>)) {
    if (!components[def]) throw new Error(`Schema '${def}' is referenced but not in components.schemas`);
  }
  return rewriteRefs(inline) as JsonSchema;
}

function rewriteRefs(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rewriteRefs);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === "$ref" && typeof v === "string" ? v.replace(/^#\/\$defs\//, SCHEMA_REF) : rewriteRefs(v)]),
    );
  }
  return value;
}

function operationObject(op: OperationSpec, components: Record<string, JsonSchema>): OperationObject {
  const parameters = parametersOf(op, components);
  const responses: OperationObject["responses"] = {};
  for (const [status, spec] of Object.entries(op.responses)) {
    const example = spec.example ?? (spec.schema ? exampleOf(spec.schema) : undefined);
    const schema = spec.schema ? schemaObject(spec.schema, components) : spec.contentType ? { type: "string" } : undefined;
    responses[status] = {
      description: spec.description,
      ...(schema ? { content: { [spec.contentType ?? "application/json"]: { schema, ...(example !== undefined ? { example } : {}) } } } : {}),
    };
  }
  for (const status of errorStatusesOf(op)) responses[String(status)] = { $ref: RESPONSE_REF + errorResponses[status].name } satisfies Reference;
  const bodyExample = op.body ? (op.bodyExample ?? exampleOf(op.body)) : undefined;
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    security: securityOf(op),
    "x-access": op.auth,
    "x-access-row": accessRowOf(op),
    ...(op.authNote ? { "x-access-note": op.authNote } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: schemaObject(op.body, components), ...(bodyExample !== undefined ? { example: bodyExample } : {}) } },
          },
        }
      : {}),
    responses,
  };
}

function exampleOf(schema: z.ZodType): unknown {
  return (schemaRegistry.get(schema) as SchemaMeta | undefined)?.examples?.[0];
}

/** The usual errors follow from the entry; `errors` adds the ones particular to the operation. */
export function errorStatusesOf(op: OperationSpec): ErrorStatus[] {
  const statuses = new Set<ErrorStatus>(op.errors ?? []);
  const hasPathParams = op.path.includes("{");
  if (hasPathParams || op.query || op.body) statuses.add(400);
  if (op.body) {
    statuses.add(413);
    statuses.add(415);
  }
  if (op.auth !== "public") statuses.add(401);
  if (op.auth !== "public") statuses.add(403);
  if (hasPathParams) statuses.add(404);
  return [...statuses].sort((a, b) => a - b);
}

/** One requirement per way in: any of the token scopes, or the session cookie. */
function securityOf(op: OperationSpec): Record<string, string[]>[] {
  if (op.auth === "public") return [];
  const scopes: string[][] = op.auth === "signed-in" ? (op.tokenScopes?.length ? op.tokenScopes.map((s) => [s]) : [["admin"]]) : [[op.auth]];
  return [...scopes.map((s) => ({ bearerToken: s })), { sessionCookie: [] }];
}

function parametersOf(op: OperationSpec, components: Record<string, JsonSchema>): ParameterObject[] {
  const parameters: ParameterObject[] = [];
  const pathSchema = op.params ? schemaObject(op.params, components) : undefined;
  for (const [, name] of op.path.matchAll(/\{([^}]+)\}/g)) {
    const schema = pathSchema?.properties?.[name!] ?? { type: "string" };
    parameters.push(parameter(name!, "path", true, schema, op.example?.params?.[name!]));
  }
  if (op.query) {
    const query = schemaObject(op.query, components);
    for (const [name, schema] of Object.entries(query.properties ?? {})) {
      parameters.push(parameter(name, "query", query.required?.includes(name) ?? false, schema, op.example?.query?.[name]));
    }
  }
  for (const header of op.headers ?? []) {
    const schema = header.schema ? schemaObject(header.schema, components) : { type: "string" };
    parameters.push(parameter(header.name, "header", false, { ...schema, description: header.description }, header.example));
  }
  return parameters;
}

function parameter(name: string, location: ParameterObject["in"], required: boolean, schema: JsonSchema, example: string | undefined): ParameterObject {
  const { description, ...rest } = schema;
  const numeric = rest.type === "integer" || rest.type === "number";
  return {
    name,
    in: location,
    required,
    ...(description ? { description } : {}),
    schema: rest,
    ...(example !== undefined ? { example: numeric ? Number(example) : example } : {}),
  };
}
