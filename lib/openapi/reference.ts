import type { JsonSchema, MediaTypeObject, OpenApiDocument, OperationObject } from "./openapi-types";
import { isReference } from "./openapi-types";
import type { AccessRow } from "./access";

/**
 * Turns the OpenAPI document into what the reference page shows: operations grouped by tag, JSON
 * schemas as field tables, curl examples. Pure, so the page stays a thin rendering of it.
 */

export interface FieldRow {
  /** Dotted path; `[]` marks array items, e.g. "seatMap.blocks[].name". */
  name: string;
  type: string;
  /** Named schemas the type refers to, for links. */
  typeRefs: string[];
  required: boolean;
  constraints: string[];
  description?: string;
  depth: number;
}

export interface ParameterRow extends FieldRow {
  location: "path" | "query" | "header";
}

export interface Access {
  level: string;
  label: string;
  detail: string;
}

export interface ReferenceResponse {
  status: string;
  statusText: string;
  description: string;
  contentType?: string;
  schemaName?: string;
  example?: string;
  isError: boolean;
}

export interface ReferenceOperation {
  id: string;
  method: string;
  path: string;
  summary: string;
  description?: string;
  access: Access;
  /** Token scopes that may call it (any one); admin-scope tokens may call everything. */
  tokenScopes: string[];
  accessRow: AccessRow;
  parameters: ParameterRow[];
  body?: { schemaName?: string; fields: FieldRow[]; example?: string };
  responses: ReferenceResponse[];
  curl: string;
}

export interface ReferenceGroup {
  tag: string;
  slug: string;
  description?: string;
  operations: ReferenceOperation[];
}

export interface ReferenceSchema {
  name: string;
  description?: string;
  fields: FieldRow[];
  example?: string;
}

export interface ReferenceError {
  status: string;
  statusText: string;
  name: string;
  description: string;
  example: string;
}

/** One row of the access table: an operation and who may call it. */
export interface AccessTableRow {
  id: string;
  method: string;
  path: string;
  summary: string;
  access: AccessRow;
}

export interface AccessTable {
  /** The token scopes, in the order of the table's columns. */
  scopes: string[];
  rows: AccessTableRow[];
}

export interface ApiReference {
  title: string;
  version: string;
  groups: ReferenceGroup[];
  schemas: ReferenceSchema[];
  errors: ReferenceError[];
  access: AccessTable;
  pagination?: { limitDefault?: unknown; limitMax?: number; offsetMax?: number };
}

const methods = ["get", "post", "put", "patch", "delete"] as const;

const statusTexts: Record<string, string> = {
  "200": "OK",
  "201": "Created",
  "202": "Accepted",
  "204": "No Content",
  "400": "Bad Request",
  "401": "Unauthorized",
  "403": "Forbidden",
  "404": "Not Found",
  "409": "Conflict",
  "413": "Content Too Large",
  "415": "Unsupported Media Type",
  "429": "Too Many Requests",
  "500": "Internal Server Error",
  "503": "Service Unavailable",
};

/** The view of the whole document; `origin` ("https://marquee.example") goes into the curl examples. */
export function apiReference(doc: OpenApiDocument, origin: string): ApiReference {
  const groups: ReferenceGroup[] = doc.tags.map((t) => ({ tag: t.name, slug: slugify(t.name), description: t.description, operations: [] }));
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of methods) {
      const op = item[method];
      if (!op) continue;
      const tag = op.tags[0] ?? "Other";
      let group = groups.find((g) => g.tag === tag);
      if (!group) groups.push((group = { tag, slug: slugify(tag), operations: [] }));
      group.operations.push(referenceOperation(doc, method, path, op, origin));
    }
  }
  const schemas = Object.entries(doc.components.schemas).map(([name, schema]) => ({
    name,
    description: schema.description,
    fields: fieldRows(schema, doc),
    example: pretty(schema.examples?.[0]),
  }));
  const errors = Object.entries(doc.components.responses).map(([name, response]) => {
    const example = response.content?.["application/json"]?.example as { error?: unknown } | undefined;
    const status = statusOfErrorResponse(doc, name);
    return { status, statusText: statusTexts[status] ?? "", name, description: response.description, example: pretty(example) ?? "" };
  });
  errors.sort((a, b) => a.status.localeCompare(b.status));
  const nonEmpty = groups.filter((g) => g.operations.length > 0);
  return { title: doc.info.title, version: doc.info.version, groups: nonEmpty, schemas, errors, access: accessTableOf(doc, nonEmpty), pagination: paginationOf(doc) };
}

/** Every operation × every kind of caller, in the reference's order: the one table of who may do what. */
function accessTableOf(doc: OpenApiDocument, groups: ReferenceGroup[]): AccessTable {
  const operations = groups.flatMap((g) => g.operations);
  const rows = operations.map((op) => ({ id: op.id, method: op.method, path: op.path, summary: op.summary, access: op.accessRow }));
  return { scopes: Object.keys(rows[0]?.access.scopes ?? {}), rows };
}

function paginationOf(doc: OpenApiDocument): ApiReference["pagination"] {
  const parameters = Object.values(doc.paths).flatMap((item) => Object.values(item).flatMap((op) => op.parameters ?? []));
  const limit = parameters.find((p) => p.in === "query" && p.name === "limit");
  const offset = parameters.find((p) => p.in === "query" && p.name === "offset");
  if (!limit) return undefined;
  return { limitDefault: limit.schema.default, limitMax: limit.schema.maximum, offsetMax: offset?.schema.maximum };
}

function statusOfErrorResponse(doc: OpenApiDocument, name: string): string {
  for (const item of Object.values(doc.paths)) {
    for (const op of Object.values(item)) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (isReference(response) && response.$ref.endsWith(`/${name}`)) return status;
      }
    }
  }
  return "";
}

export function referenceOperation(doc: OpenApiDocument, method: string, path: string, op: OperationObject, origin: string): ReferenceOperation {
  const parameters: ParameterRow[] = (op.parameters ?? []).map((p) => ({
    ...fieldRow(p.name, p.schema, p.required, 0),
    ...(p.description ? { description: p.description } : {}),
    location: p.in,
  }));
  const bodyMedia = op.requestBody?.content["application/json"];
  const body = bodyMedia?.schema
    ? { schemaName: refName(bodyMedia.schema.$ref), fields: fieldRows(bodyMedia.schema, doc), example: pretty(bodyMedia.example) }
    : undefined;
  const responses = Object.entries(op.responses).map(([status, response]): ReferenceResponse => {
    if (isReference(response)) {
      const name = refName(response.$ref)!;
      const shared = doc.components.responses[name];
      return { status, statusText: statusTexts[status] ?? "", description: shared?.description ?? name, contentType: "application/json", schemaName: "Error", isError: true };
    }
    const [contentType, media] = Object.entries(response.content ?? {})[0] ?? [];
    return {
      status,
      statusText: statusTexts[status] ?? "",
      description: response.description,
      ...(contentType ? { contentType } : {}),
      ...(media?.schema?.$ref ? { schemaName: refName(media.schema.$ref) } : {}),
      ...(media ? { example: exampleText(media) } : {}),
      isError: Number(status) >= 400 && !(media?.schema?.$ref && refName(media.schema.$ref) !== "Error"),
    };
  });
  return {
    id: op.operationId,
    method: method.toUpperCase(),
    path,
    summary: op.summary,
    description: op.description,
    access: accessOf(op["x-access"], op["x-access-note"]),
    tokenScopes: [...new Set(op.security.flatMap((r) => r.bearerToken ?? []))],
    accessRow: op["x-access-row"],
    parameters,
    body,
    responses,
    curl: curlExample(method, path, op, origin),
  };
}

export function accessOf(level: string, note?: string): Access {
  const access = (label: string, detail: string) => ({ level, label, detail: note ?? detail });
  if (level === "public") return access("Public", "Anyone; no sign-in or token needed.");
  if (level === "signed-in") return access("Signed in", "Anyone signed in, or any API token.");
  if (level === "admin") return access("Admin", "Admins signed in, or API tokens with the admin scope.");
  return access(level, `Admins signed in, or API tokens with the ${level} scope (or the admin scope).`);
}

function exampleText(media: MediaTypeObject): string | undefined {
  if (typeof media.example === "string") return media.example;
  return pretty(media.example);
}

/** Indented JSON with arrays of plain values kept on one line, so seat maps stay short. */
export function pretty(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  return JSON.stringify(value, null, 2).replace(/\[\n\s*([^[\]{}]*?)\n\s*\]/g, (_, inner: string) => `[${inner.replace(/,\n\s*/g, ", ")}]`);
}

function refName(ref: string | undefined): string | undefined {
  return ref?.split("/").pop();
}

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** A runnable curl command: the token comes from $MARQUEE_TOKEN so the example can be pasted as is. */
export function curlExample(method: string, path: string, op: OperationObject, origin: string): string {
  let url = origin.replace(/\/$/, "") + path;
  const query = new URLSearchParams();
  for (const p of op.parameters ?? []) {
    const value = p.example === undefined ? (p.in === "path" ? `<${p.name}>` : undefined) : String(p.example);
    if (value === undefined) continue;
    if (p.in === "path") url = url.replace(`{${p.name}}`, encodeURIComponent(value).replace(/%3C|%3E/g, (c) => (c === "%3C" ? "<" : ">")));
    else if (p.in === "query") query.set(p.name, value);
  }
  if ([...query].length) url += `?${query}`;
  const lines = [`curl${method === "get" ? "" : ` -X ${method.toUpperCase()}`} ${shellQuote(url)}`];
  if (op.security.length > 0) lines.push(`-H "Authorization: Bearer $MARQUEE_TOKEN"`);
  for (const p of op.parameters ?? []) if (p.in === "header" && p.example !== undefined) lines.push(`-H ${shellQuote(`${p.name}: ${String(p.example)}`)}`);
  // An event stream stays open; -N shows each event as it arrives.
  if (Object.values(op.responses).some((r) => !isReference(r) && r.content?.["text/event-stream"])) lines[0] = lines[0]!.replace(/^curl/, "curl -N");
  const body = op.requestBody?.content["application/json"];
  if (body) {
    lines.push(`-H 'Content-Type: application/json'`);
    lines.push(`-d ${shellQuote(pretty(body.example ?? {})!)}`);
  }
  return lines.join(" \\\n  ");
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The fields of an object schema, nested objects flattened into dotted names. */
export function fieldRows(schema: JsonSchema, doc: OpenApiDocument): FieldRow[] {
  const resolved = resolve(schema, doc);
  const rows: FieldRow[] = [];
  collectFields(resolved, "", 0, rows, doc);
  return rows;
}

function collectFields(schema: JsonSchema, prefix: string, depth: number, rows: FieldRow[], doc: OpenApiDocument) {
  // Deep enough for seat maps (seatMap.blocks[].rows[].gaps); deeper trees get a link instead.
  if (depth > 4) return;
  for (const [key, property] of Object.entries(schema.properties ?? {})) {
    const name = prefix + key;
    rows.push(fieldRow(name, property, schema.required?.includes(key) ?? false, depth));
    const nested = inlineObject(property);
    if (nested) collectFields(nested.schema, `${name}${nested.suffix}.`, depth + 1, rows, doc);
  }
}

/** An anonymous object inside a property (itself, or its array items), to flatten; named ones are linked. */
function inlineObject(schema: JsonSchema): { schema: JsonSchema; suffix: string } | undefined {
  const s = nonNull(schema);
  if (s.$ref) return undefined;
  if (s.properties) return { schema: s, suffix: "" };
  if (s.type === "array" && s.items) {
    const item = nonNull(s.items);
    if (!item.$ref && item.properties) return { schema: item, suffix: "[]" };
  }
  return undefined;
}

function fieldRow(name: string, schema: JsonSchema, required: boolean, depth: number): FieldRow {
  const type = typeOf(schema);
  return {
    name,
    type: type.label,
    typeRefs: type.refs,
    required,
    constraints: constraintsOf(schema),
    ...(schema.description ? { description: schema.description } : {}),
    depth,
  };
}

function resolve(schema: JsonSchema, doc: OpenApiDocument): JsonSchema {
  const name = refName(schema.$ref);
  return name ? (doc.components.schemas[name] ?? {}) : schema;
}

/** `X | null` becomes X: nullability shows in the type label, constraints come from X. */
function nonNull(schema: JsonSchema): JsonSchema {
  const branches = schema.anyOf ?? schema.oneOf;
  if (!branches) return schema;
  const real = branches.filter((b) => b.type !== "null");
  return real.length === 1 ? { ...real[0], description: schema.description ?? real[0]!.description } : schema;
}

export function typeOf(schema: JsonSchema): { label: string; refs: string[] } {
  const name = refName(schema.$ref);
  if (name) return { label: name, refs: [name] };
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) {
    const parts = branches.map(typeOf);
    return { label: [...new Set(parts.map((p) => p.label))].join(" | "), refs: [...new Set(parts.flatMap((p) => p.refs))] };
  }
  if (schema.const !== undefined) return { label: JSON.stringify(schema.const), refs: [] };
  if (Array.isArray(schema.type)) return { label: schema.type.join(" | "), refs: [] };
  if (schema.type === "array") {
    const item = schema.items ? typeOf(schema.items) : { label: "any", refs: [] };
    return { label: item.label.includes(" | ") ? `(${item.label})[]` : `${item.label}[]`, refs: item.refs };
  }
  if (schema.type === "object" && !schema.properties && typeof schema.additionalProperties === "object") {
    const value = typeOf(schema.additionalProperties);
    return { label: `map of ${value.label}`, refs: value.refs };
  }
  return { label: schema.type ?? "any", refs: [] };
}

export function constraintsOf(schema: JsonSchema): string[] {
  const s = nonNull(schema);
  const out: string[] = [];
  if (s.enum) out.push(`one of: ${s.enum.map((v) => String(v)).join(", ")}`);
  if (s.format) out.push(`format: ${s.format}`);
  // A format says it better than the long pattern zod writes for it.
  else if (s.pattern) out.push(`pattern: ${s.pattern}`);
  const length = range(s.minLength, s.maxLength, "characters", "character");
  if (length) out.push(length);
  const value = numberRange(s);
  if (value) out.push(value);
  const items = range(s.minItems, s.maxItems, "items", "item");
  if (items) out.push(items);
  if (s.type === "array" && s.items) {
    const each = constraintsOf(s.items);
    if (each.length) out.push(`each: ${each.join(", ")}`);
  }
  if (s.default !== undefined) out.push(`default: ${JSON.stringify(s.default)}`);
  return out;
}

const num = (n: number) => n.toLocaleString("en-US");

function range(min: number | undefined, max: number | undefined, plural: string, singular: string): string | undefined {
  const unit = (n: number) => (n === 1 ? singular : plural);
  if (min !== undefined && min > 0 && max !== undefined) return min === max ? `exactly ${num(max)} ${unit(max)}` : `${num(min)}–${num(max)} ${plural}`;
  if (min !== undefined && min > 0) return `at least ${num(min)} ${unit(min)}`;
  if (max !== undefined) return `at most ${num(max)} ${unit(max)}`;
  return undefined;
}

function numberRange(s: JsonSchema): string | undefined {
  // zod writes the safe-integer bounds on every .int(); they say nothing to a reader.
  const max = s.maximum !== undefined && s.maximum < Number.MAX_SAFE_INTEGER ? s.maximum : undefined;
  const min = s.minimum !== undefined && s.minimum > Number.MIN_SAFE_INTEGER ? s.minimum : undefined;
  const parts: string[] = [];
  // Years read better without a thousands separator.
  const n = (v: number) => (v >= 1000 && v < 10_000 ? String(v) : num(v));
  if (min !== undefined && max !== undefined) return `${n(min)}–${n(max)}`;
  if (min !== undefined) parts.push(`≥ ${n(min)}`);
  if (s.exclusiveMinimum !== undefined) parts.push(`> ${n(s.exclusiveMinimum)}`);
  if (max !== undefined) parts.push(`≤ ${n(max)}`);
  if (s.exclusiveMaximum !== undefined) parts.push(`< ${n(s.exclusiveMaximum)}`);
  return parts.length ? parts.join(", ") : undefined;
}
