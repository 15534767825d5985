import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { call, sessionFor, type Caller } from "@/test/http";
import { apiRouteFiles, ROOT } from "@/test/route-files";

/**
 * Walks every route handler (app/api, and the API routes in pages/api) and calls each method as a stranger and as a signed-in viewer.
 * Anything not listed below as open must answer 401 to the stranger and 403 to the viewer, so a
 * new admin route that forgets its role check fails here without anyone writing a test for it.
 */
const OPEN_TO_EVERYONE: Record<string, string> = {
  "GET /api/v1/movies": "the public catalog",
  "GET /api/v1/movies/[id]": "the public catalog",
  "GET /api/v1/theaters": "the public catalog",
  "GET /api/v1/theaters/[id]": "the public catalog",
  "GET /api/v1/genres": "the public catalog",
  "GET /api/v1/cities": "the public catalog",
  "GET /api/v1/health": "health checks for load balancers",
  "GET /api/v1/health/live": "health checks for load balancers",
  "GET /api/v1/health/ready": "health checks for load balancers",
  "GET /api/v1/openapi.json": "the API description",
  "GET /api/v1/trends": "the public trend dashboard",
  "GET /api/v1/trends/history": "the public trend dashboard",
  "GET /api/v1/movies/[id]/similar": "similar movies on the public movie pages",
  "POST /api/v1/auth/signup": "self sign-up",
  "POST /api/v1/bench/noop": "benchmark baseline, does nothing",
  "GET /api/v1/bench/noop": "benchmark baseline, does nothing",
  "POST /api/v1/bench/echo": "benchmark baseline, reads a body and answers without the database",
  "GET /api/auth/[...nextauth]": "next-auth's own sign-in endpoints",
  "POST /api/auth/[...nextauth]": "next-auth's own sign-in endpoints",
};

/** Open to any signed-in person or token, for their own data: strangers get 401, the rest is checked per route. */
const OPEN_TO_SIGNED_IN: Record<string, string> = {
  "POST /api/v1/events/watch": "viewers send their own events",
  "POST /api/v1/events/search": "viewers send their own events",
  "POST /api/v1/events/rating": "viewers send their own events",
  "POST /api/v1/events/favorite": "viewers send their own events",
  "POST /api/v1/events/batch": "viewers send their own events",
  "GET /api/v1/genres/top": "viewers read the top movies of their own genres",
  "POST /api/v1/feedback": "viewers send feedback on their own lists",
  "POST /api/v1/recommendations/feedback/[sessionId]": "viewers send feedback on their own lists",
  "POST /api/v1/ratings": "viewers rate for themselves",
};

/** Values for each [param]; the first one a route's param schema accepts is used. */
const PARAM_CANDIDATES = ["00000000-0000-4000-8000-000000000000", "1"];

function paramsFor(pattern: string, candidate: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [, name] of pattern.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)) params[name!] = candidate;
  return params;
}

/** Calls the handler with the first param values that pass its validation. */
async function callWithValidParams(handler: Parameters<typeof call>[0], method: string, pattern: string, as?: Caller) {
  let response!: Awaited<ReturnType<typeof call>>;
  for (const candidate of PARAM_CANDIDATES) {
    response = await call(handler, { method, path: pattern, params: paramsFor(pattern, candidate), body: method === "GET" || method === "DELETE" ? undefined : {}, as });
    const pathError = response.status === 400 && Object.keys(response.body?.error?.fields ?? {}).some((f) => f.startsWith("path."));
    if (!pathError) break;
  }
  return response;
}

let t: TestDatabase;
let viewer: Caller;
beforeAll(async () => {
  t = await createTestDatabase();
  viewer = await sessionFor(t.db, "viewer");
});
afterAll(() => t.destroy());

const endpoints = apiRouteFiles().flatMap(({ file, pattern, methods }) => methods.map((method) => ({ file, pattern, method })));

describe("every admin route handler checks the role itself", () => {
  it("finds the route handlers", () => {
    expect(endpoints.length).toBeGreaterThan(15);
  });

  for (const { file, pattern, method } of endpoints) {
    const key = `${method} ${pattern}`;
    if (OPEN_TO_EVERYONE[key]) continue;
    if (OPEN_TO_SIGNED_IN[key]) {
      it(`${key} answers 401 to a stranger`, async () => {
        const handlers = (await import(file)) as Record<string, Parameters<typeof call>[0]>;
        expect((await callWithValidParams(handlers[method]!, method, pattern)).status).toBe(401);
      });
      continue;
    }
    it(`${key} answers 401 to a stranger and 403 to a viewer`, async () => {
      const handlers = (await import(file)) as Record<string, Parameters<typeof call>[0]>;
      const anonymous = await callWithValidParams(handlers[method]!, method, pattern);
      expect(anonymous.status, `${key} as a stranger`).toBe(401);
      const asViewer = await callWithValidParams(handlers[method]!, method, pattern, viewer);
      expect(asViewer.status, `${key} as a viewer`).toBe(403);
    });
  }

  it("lists only open routes that exist", () => {
    const existing = new Set(endpoints.map((e) => `${e.method} ${e.pattern}`));
    expect([...Object.keys(OPEN_TO_EVERYONE), ...Object.keys(OPEN_TO_SIGNED_IN)].filter((k) => !existing.has(k))).toEqual([]);
  });
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
