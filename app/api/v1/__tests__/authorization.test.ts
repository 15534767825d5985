import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertSessions } from "@/db/queries/recs";
import { tokenScopes, type TokenScope } from "@/lib/auth/contract";
import { accessRowOf, type AccessCell } from "@/lib/openapi/access";
import type { OperationSpec } from "@/lib/openapi/operation-spec";
import { operations } from "@/lib/openapi/operations";
import { schemaRegistry, type SchemaMeta } from "@/lib/openapi/schema-registry";
import { newSessionId } from "@/lib/recs/session-id";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { sessionFor, tokenFor, type Caller } from "@/test/http";
import { apiRouteFiles, ROOT } from "@/test/route-files";

/**
 * The authorization matrix: every route handler (app/api, and the API routes in pages/api) × every
 * kind of caller, with the answer each should get read from the route's entry in
 * lib/<domain>/operations.ts (lib/openapi/access.ts turns it into the table /docs/api shows).
 * A refused caller sends `{}`: it must get 401 or 403, not a 400 about the body, so the check has
 * to come before the body is read. An allowed caller must not get 401 or 403. A route that forgets
 * its check, or checks more or less than its entry says, fails here by name.
 */

/** Routes outside the API document and open to anyone (next-auth's own, in pages/api/auth, export no method handlers and are not walked). */
const SKIPPED = new Set<string>();
const UNDOCUMENTED_PUBLIC = new Set(["GET /api/v1/openapi.json", "GET /api/v1/bench/noop", "POST /api/v1/bench/noop", "POST /api/v1/bench/echo", "GET /api/v1/bench/empty/[id]"]);

/** Values for each [param]; the first one a route's param schema accepts is used. */
const PARAM_CANDIDATES = ["00000000-0000-4000-8000-000000000000", "1"];

type CallerName = "anonymous" | "viewer" | "other viewer" | `token ${TokenScope}` | "admin session";
const callerNames: CallerName[] = ["anonymous", "viewer", "other viewer", ...tokenScopes.map((s) => `token ${s}` as const), "admin session"];

/** The viewer whose data the calls are about; "other viewer" is someone else asking for it. */
let owner: Caller;
let callers: Record<CallerName, Caller | undefined>;
let sessionId: string;
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  owner = await sessionFor(t.db, "viewer");
  const other = await sessionFor(t.db, "viewer");
  const admin = await sessionFor(t.db, "admin");
  const tokens = await Promise.all(tokenScopes.map((scope) => tokenFor(t.db, [scope])));
  callers = { anonymous: undefined, viewer: owner, "other viewer": other, "admin session": admin, ...Object.fromEntries(tokenScopes.map((s, i) => [`token ${s}`, tokens[i]])) } as Record<CallerName, Caller | undefined>;
  // A list shown to the owner, for the routes that find the user through the session.
  const now = new Date();
  sessionId = newSessionId(now);
  await insertSessions(t.db, [{ sessionId, createdAt: now, userId: owner.userId, algorithm: "popular", modelVersionId: null, context: "home", movieIds: ["1", "2"], cached: false, userType: null, actionCycle: null }]);
});
afterAll(() => t.destroy());

/** What a caller may do, from the operation's entry. */
function cellFor(op: OperationSpec | "public", caller: CallerName): AccessCell {
  if (op === "public") return "yes";
  const row = accessRowOf(op);
  if (caller === "anonymous") return row.anyone;
  if (caller === "viewer" || caller === "other viewer") return row.viewer;
  if (caller === "admin session") return row.admin;
  return row.scopes[caller.slice("token ".length) as TokenScope];
}

function expectedFor(op: OperationSpec | "public", caller: CallerName): "allowed" | 401 | 403 {
  const cell = cellFor(op, caller);
  if (cell === "yes") return "allowed";
  if (cell === "own") return caller === "other viewer" ? 403 : "allowed";
  return caller === "anonymous" ? 401 : 403;
}

/** The body a caller sends: `{}`, or, where a viewer may act for themself, the example naming the owner. */
function bodyFor(op: OperationSpec | "public", caller: CallerName, method: string): unknown {
  if (method === "GET" || method === "DELETE") return undefined;
  if (op === "public" || !op.self || cellFor(op, caller) !== "own") return {};
  if (op.self.in !== "body" && op.self.in !== "session") return {};
  const example = op.bodyExample ?? (op.body ? exampleOf(op) : {});
  return op.self.in === "body" ? withField(example, op.self.field, owner.userId) : example;
}

function exampleOf(op: OperationSpec): unknown {
  return (schemaRegistry.get(op.body!) as SchemaMeta | undefined)?.examples?.[0] ?? {};
}

function withField(value: unknown, field: string, userId: string): unknown {
  if (Array.isArray(value)) return value.map((v) => withField(v, field, userId));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === field ? userId : withField(v, field, userId)]));
  return value;
}

function paramsFor(pattern: string, op: OperationSpec | "public", candidate: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [, name] of pattern.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)) {
    const self = op !== "public" && op.self?.field === name ? op.self : undefined;
    params[name!] = self?.in === "path" ? owner.userId : self?.in === "session" ? sessionId : candidate;
  }
  return params;
}

type Handler = (request: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function invoke(handler: Handler, method: string, pattern: string, op: OperationSpec | "public", callerName: CallerName) {
  const caller = callers[callerName];
  let result = { status: 0, code: undefined as string | undefined };
  for (const candidate of PARAM_CANDIDATES) {
    const params = paramsFor(pattern, op, candidate);
    let url = `http://localhost${pattern.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, name: string) => params[name]!)}`;
    if (op !== "public" && op.self?.in === "query") url += `?${op.self.field}=${encodeURIComponent(owner.userId)}`;
    const body = bodyFor(op, callerName, method);
    const headers: Record<string, string> = { host: "localhost", ...caller?.headers };
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await handler(new Request(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }), { params: Promise.resolve(params) });
    let code: string | undefined;
    let pathError = false;
    if (response.headers.get("content-type")?.includes("json")) {
      const json = (await response.json().catch(() => null)) as { error?: { code?: string; fields?: Record<string, string> } } | null;
      code = json?.error?.code;
      pathError = Object.keys(json?.error?.fields ?? {}).some((f) => f.startsWith("path."));
    } else {
      await response.body?.cancel(); // an event stream would never end
    }
    result = { status: response.status, code };
    if (!(response.status === 400 && pathError)) break;
  }
  return result;
}

const endpoints = apiRouteFiles().flatMap(({ file, pattern, methods }) => methods.map((method) => ({ file, pattern, method })));

function operationOf(pattern: string, method: string): OperationSpec | "public" | undefined {
  if (UNDOCUMENTED_PUBLIC.has(`${method} ${pattern}`)) return "public";
  const openApiPath = pattern.replace(/\[(?:\.\.\.)?(\w+)\]/g, "{$1}");
  return operations.find((op) => op.path === openApiPath && op.method === method);
}

describe("every route answers each kind of caller as its operations entry says", () => {
  it("finds the route handlers, and an entry for each", () => {
    expect(endpoints.length).toBeGreaterThan(40);
    const unknown = endpoints.filter((e) => !SKIPPED.has(`${e.method} ${e.pattern}`) && !operationOf(e.pattern, e.method)).map((e) => `${e.method} ${e.pattern}`);
    expect(unknown).toEqual([]);
  });

  for (const { file, pattern, method } of endpoints) {
    const key = `${method} ${pattern}`;
    if (SKIPPED.has(key)) continue;
    it(key, async () => {
      const op = operationOf(pattern, method)!;
      const handlers = (await import(file)) as Record<string, Handler>;
      const wrong: string[] = [];
      for (const caller of callerNames) {
        const expected = expectedFor(op, caller);
        const { status, code } = await invoke(handlers[method]!, method, pattern, op, caller);
        const ok = expected === "allowed" ? status !== 401 && status !== 403 : status === expected;
        if (!ok) wrong.push(`${caller}: expected ${expected}, got ${status}${code ? ` (${code})` : ""}`);
      }
      expect(wrong, key).toEqual([]);
    });
  }
});

describe("server actions", () => {
  it("are not used: admin writes go through the route handlers walked above", () => {
    // If you add a "use server" module, add its actions to this walk before removing this check.
    const withActions = ["app", "pages", "components"].map((dir) => path.join(ROOT, dir)).flatMap(routeFilesAndSources).filter(([, s]) => /^\s*["']use server["']/m.test(s));
    expect(withActions.map(([f]) => path.relative(ROOT, f))).toEqual([]);
  });
});

function routeFilesAndSources(dir: string): [string, string][] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry): [string, string][] => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFilesAndSources(full);
    return /\.(ts|tsx)$/.test(entry.name) ? [[full, fs.readFileSync(full, "utf8")]] : [];
  });
}
