import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "./document";

/**
 * The document must list every route the app serves, and nothing else. A route added without an
 * entry in lib/openapi/operations.ts fails here, named.
 */

const root = path.resolve(import.meta.dirname, "../..");
const apiDir = path.join(root, "app/api");
// next-auth's own endpoints are not part of our API; the document does not describe itself.
const undocumented = ["app/api/auth/[...nextauth]/route.ts", "app/api/v1/openapi.json/route.ts"];
const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function routeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return /^route\.(ts|tsx|js)$/.test(entry.name) ? [full] : [];
  });
}

/** "app/api/v1/movies/[id]/route.ts" → "/api/v1/movies/{id}"; route groups vanish, catch-alls become one parameter. */
function urlPathOf(file: string): string {
  const segments = path.relative(path.join(root, "app"), path.dirname(file)).split(path.sep);
  const url = segments
    .filter((s) => !/^\(.*\)$/.test(s))
    .map((s) => s.replace(/^\[\[?(?:\.\.\.)?([^\]]+)\]\]?$/, "{$1}"))
    .join("/");
  return `/${url}`;
}

function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:const|let|var|(?:async\s+)?function\*?)\s+([A-Z]+)\b/g)) found.add(m[1]!);
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const part of m[1]!.split(",")) {
      const exported = /(?:\S+\s+as\s+)?(\S+)$/.exec(part.trim())?.[1];
      if (exported) found.add(exported);
    }
  }
  return HTTP_METHODS.filter((method) => found.has(method));
}

describe("reading route files", () => {
  it("finds methods exported as const, as functions, and under another name", () => {
    expect(exportedMethods('export const GET = apiRoute("/x", h);\nexport const PATCH = apiRoute(route, h);')).toEqual(["GET", "PATCH"]);
    expect(exportedMethods("export async function POST(request: Request) {}\nexport function DELETE() {}")).toEqual(["POST", "DELETE"]);
    expect(exportedMethods("async function handler() {}\nexport { handler as GET, handler as PUT };")).toEqual(["GET", "PUT"]);
    expect(exportedMethods('export const dynamic = "force-dynamic";\nconst GET = 1;')).toEqual([]);
  });

  it("turns folders into URL paths", () => {
    expect(urlPathOf(path.join(root, "app/api/v1/movies/[id]/route.ts"))).toBe("/api/v1/movies/{id}");
    expect(urlPathOf(path.join(root, "app/api/(internal)/metrics/route.ts"))).toBe("/api/metrics");
    expect(urlPathOf(path.join(root, "app/api/files/[...key]/route.ts"))).toBe("/api/files/{key}");
  });
});

describe("the document against the route files", () => {
  const doc = buildOpenApiDocument();
  const served = routeFiles(apiDir)
    .filter((file) => !undocumented.includes(path.relative(root, file).split(path.sep).join("/")))
    .flatMap((file) => {
      const relative = path.relative(root, file);
      return exportedMethods(readFileSync(file, "utf8")).map((method) => ({ method, path: urlPathOf(file), file: relative }));
    });

  it("finds the routes on disk", () => {
    expect(served).toEqual(expect.arrayContaining([{ method: "GET", path: "/api/v1/movies", file: "app/api/v1/movies/route.ts" }]));
  });

  it("documents every method of every route file", () => {
    const missing = served
      .filter(({ method, path: p }) => !doc.paths[p]?.[method.toLowerCase()])
      .map(({ method, path: p, file }) => `${method} ${p} (${file}) is not in lib/openapi/operations.ts`);
    expect(missing).toEqual([]);
  });

  it("documents only operations a route file serves", () => {
    const key = (method: string, p: string) => `${method.toUpperCase()} ${p}`;
    const servedKeys = new Set(served.map((s) => key(s.method, s.path)));
    const extra = Object.entries(doc.paths)
      .flatMap(([p, item]) => Object.keys(item).map((method) => key(method, p)))
      .filter((k) => !servedKeys.has(k))
      .map((k) => `${k} is documented but no app/api route file exports it`);
    expect(extra).toEqual([]);
  });
});
