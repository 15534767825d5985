import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { rowsOf } from "@/db/client";
import { operations } from "@/lib/openapi/operations";
import type { OperationSpec } from "@/lib/openapi/operation-spec";
import { schemaRegistry } from "@/lib/openapi/schema-registry";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { call, tokenFor, type Caller } from "@/test/http";
import { apiRouteFiles } from "@/test/route-files";
import { sql } from "drizzle-orm";

/**
 * A standing bad-input test, driven by the API document: for every operation, generated inputs
 * that its own schemas refuse (wrong types, missing and unknown fields, huge strings and numbers,
 * NUL bytes, malformed JSON, wrong content types, bad path and query values) must answer a 4xx in
 * the error shape, and write nothing. The schema itself is the oracle, so a generated input the
 * schema would accept is never counted as bad. Callers are admins, so every check past
 * authorization is exercised.
 */
let t: TestDatabase;
let admin: Caller;
const RUNS = Number(process.env.BAD_INPUT_RUNS ?? 12);

type Handler = Parameters<typeof call>[0];
const handlers = new Map<string, { file: string; pattern: string }>();
for (const route of apiRouteFiles()) {
  const urlPath = route.pattern.replace(/\[(?:\.\.\.)?(\w+)\]/g, "{$1}");
  for (const method of route.methods) handlers.set(`${method} ${urlPath}`, { file: route.file, pattern: route.pattern });
}

async function handlerOf(op: OperationSpec): Promise<Handler> {
  const route = handlers.get(`${op.method} ${op.path}`);
  if (!route) throw new Error(`${op.method} ${op.path} has no route file`);
  return ((await import(route.file)) as Record<string, Handler>)[op.method]!;
}

/** Row counts of every table of ours: a bad request must leave them all as they were. */
async function fingerprint(): Promise<string> {
  const tables = rowsOf<{ relname: string }>(await t.db.execute(sql`select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`)).map((r) => r.relname);
  const counts = rowsOf<Record<string, number | string>>(await t.db.execute(sql.raw(`select ${tables.map((name) => `(select count(*) from "${name}") as "${name}"`).join(", ")}`)))[0]!;
  return JSON.stringify(counts);
}

function exampleBody(op: OperationSpec): Record<string, unknown> | null {
  const example = op.bodyExample ?? (op.body ? schemaRegistry.get(op.body)?.examples?.[0] : undefined);
  return example && typeof example === "object" && !Array.isArray(example) ? (example as Record<string, unknown>) : null;
}

const badValue = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(1e308, -1e308, 2 ** 63, -1, 0, true, false, null, "\u0000", "a\u0000b", "x".repeat(70_000), "2001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "not-a-date", [], {}, [null], { nested: "\u0000" }),
  fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), { maxKeys: 3 }),
);

/** One structural change to a valid example: a field replaced, dropped, or an unknown one added. */
function bodyMutation(example: Record<string, unknown>) {
  const keys = Object.keys(example);
  return fc.oneof(
    fc.record({ kind: fc.constant("replace" as const), key: fc.constantFrom(...keys), value: badValue }),
    fc.record({ kind: fc.constant("drop" as const), key: fc.constantFrom(...keys) }),
    fc.record({ kind: fc.constant("add" as const), key: fc.constantFrom("zzUnknown", "__proto__x", "\u0000"), value: badValue }),
    fc.record({ kind: fc.constant("whole" as const), value: fc.oneof(badValue, fc.constant([example])) }),
  );
}

function applyMutation(example: Record<string, unknown>, m: { kind: string; key?: string; value?: unknown }): unknown {
  if (m.kind === "whole") return m.value;
  const copy: Record<string, unknown> = structuredClone(example);
  if (m.kind === "drop") delete copy[m.key!];
  else copy[m.key!] = m.value;
  return copy;
}

function refuses(schema: z.ZodType | undefined, value: unknown): boolean {
  return !schema || !schema.safeParse(value).success;
}

function pathFor(op: OperationSpec, params: Record<string, string>, query = ""): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? "x")) + query;
}

function validParams(op: OperationSpec): Record<string, string> {
  return { ...op.example?.params };
}

async function expectRefusedWithoutWrites(handler: Handler, options: Parameters<typeof call>[1], label: string) {
  const before = await fingerprint();
  const res = await call(handler, { ...options, as: admin });
  expect(res.status, `${label}: ${JSON.stringify(res.body)?.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(res.status, `${label}: ${JSON.stringify(res.body)?.slice(0, 300)}`).toBeLessThan(500);
  expect(typeof res.body?.error?.code, label).toBe("string");
  expect(await fingerprint(), `${label} wrote something`).toBe(before);
}

beforeAll(async () => {
  t = await createTestDatabase();
  admin = await tokenFor(t.db, ["admin"]);
});
afterAll(() => t.destroy());

const withBody = operations.filter((op) => op.body);
const withQuery = operations.filter((op) => op.query);
const withParams = operations.filter((op) => op.params);

describe("bad request bodies get a 4xx naming the problem, and write nothing", () => {
  for (const op of withBody) {
    it(`${op.method} ${op.path}: generated bad bodies`, async () => {
      const handler = await handlerOf(op);
      const example = exampleBody(op);
      const params = validParams(op);
      if (example) {
        await fc.assert(
          fc.asyncProperty(bodyMutation(example), async (mutation) => {
            const body = applyMutation(example, mutation);
            fc.pre(refuses(op.body, body));
            await expectRefusedWithoutWrites(handler, { method: op.method, path: pathFor(op, params), params, body }, `${op.operationId} ${JSON.stringify(mutation).slice(0, 120)}`);
          }),
          { numRuns: RUNS, seed: 42 },
        );
      }
      // Malformed JSON, a body that is not JSON, and no body at all.
      for (const rawBody of ["{", '{"a":', "[1,2", "\u0000", "not json"]) {
        await expectRefusedWithoutWrites(handler, { method: op.method, path: pathFor(op, params), params, rawBody, headers: { "content-type": "application/json" } }, `${op.operationId} malformed ${JSON.stringify(rawBody)}`);
      }
      await expectRefusedWithoutWrites(handler, { method: op.method, path: pathFor(op, params), params, rawBody: "a=1", headers: { "content-type": "application/x-www-form-urlencoded" } }, `${op.operationId} form body`);
    });
  }
});

describe("bad query strings get a 4xx naming the parameter, and write nothing", () => {
  for (const op of withQuery) {
    it(`${op.method} ${op.path}: generated bad query values`, async () => {
      const handler = await handlerOf(op);
      const params = validParams(op);
      const names = Object.keys((op.query as z.ZodObject).shape);
      const base = { ...op.example?.query };
      await fc.assert(
        fc.asyncProperty(
          fc.record({ name: fc.constantFrom(...names, "zzUnknown"), value: fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom("-1", "1e400", "NaN", "", "\u0000", "x".repeat(5_000), "9".repeat(40), "2001-01-01")) }),
          async ({ name, value }) => {
            const query = { ...base, [name]: value };
            fc.pre(refuses(op.query, query));
            await expectRefusedWithoutWrites(handler, { method: op.method, path: pathFor(op, params, `?${new URLSearchParams(query)}`), params, body: op.body ? exampleBody(op) ?? {} : undefined }, `${op.operationId} ?${name}=${JSON.stringify(value).slice(0, 60)}`);
          },
        ),
        { numRuns: RUNS, seed: 42 },
      );
    });
  }
});

describe("bad path values get a 4xx, and write nothing", () => {
  for (const op of withParams) {
    it(`${op.method} ${op.path}: generated bad path values`, async () => {
      const handler = await handlerOf(op);
      const names = Object.keys((op.params as z.ZodObject).shape);
      await fc.assert(
        fc.asyncProperty(fc.record({ name: fc.constantFrom(...names), value: fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom("", "../etc/passwd", "a".repeat(65), "\u0000", "-1", "0", "9".repeat(30), "1e400")) }), async ({ name, value }) => {
          const params = { ...validParams(op), [name]: value };
          fc.pre(refuses(op.params, params));
          await expectRefusedWithoutWrites(handler, { method: op.method, path: pathFor(op, params), params, body: op.body ? exampleBody(op) ?? {} : undefined }, `${op.operationId} ${name}=${JSON.stringify(value).slice(0, 60)}`);
        }),
        { numRuns: RUNS, seed: 42 },
      );
    });
  }
});

describe("the walk itself", () => {
  it("covers every operation that takes input", () => {
    expect(withBody.length + withQuery.length + withParams.length).toBeGreaterThan(30);
    for (const op of [...withBody, ...withQuery, ...withParams]) expect(handlers.has(`${op.method} ${op.path}`), `${op.method} ${op.path}`).toBe(true);
  });
});
