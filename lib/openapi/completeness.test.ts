import path from "node:path";
import { describe, expect, it } from "vitest";
import { apiRouteFiles, exportedMethods, ROOT as root, routePatternOf } from "@/test/route-files";
import { buildOpenApiDocument } from "./document";

/**
 * The document must list every route the app serves, and nothing else. A route added without an
 * entry in lib/openapi/operations.ts fails here, named.
 */

// next-auth's own endpoints are not part of our API; the document does not describe itself; the
// benchmark baselines answer only in a server the benches started (lib/http/bench-routes.ts).
const undocumented = ["pages/api/auth/[...nextauth].ts", "app/api/v1/openapi.json/route.ts", "app/api/v1/bench/noop/route.ts", "pages/api/v1/bench/echo.ts", "pages/api/v1/bench/empty/[id].ts"];

/** "/api/v1/movies/[id]" → "/api/v1/movies/{id}"; catch-alls become one parameter. */
function urlPathOf(file: string): string {
  return routePatternOf(file)
    .split("/")
    .map((s) => s.replace(/^\[\[?(?:\.\.\.)?([^\]]+)\]\]?$/, "{$1}"))
    .join("/");
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
    expect(urlPathOf(path.join(root, "pages/api/v1/events/watch.ts"))).toBe("/api/v1/events/watch");
    expect(urlPathOf(path.join(root, "pages/api/v1/things/[id]/index.ts"))).toBe("/api/v1/things/{id}");
  });
});

describe("the document against the route files", () => {
  const doc = buildOpenApiDocument();
  const served = apiRouteFiles()
    .filter((route) => !undocumented.includes(route.relative))
    .flatMap((route) => route.methods.map((method) => ({ method, path: urlPathOf(route.file), file: route.relative })));

  it("finds the routes on disk", () => {
    expect(served).toEqual(
      expect.arrayContaining([
        { method: "GET", path: "/api/v1/movies", file: "app/api/v1/movies/route.ts" },
        { method: "POST", path: "/api/v1/events/watch", file: "pages/api/v1/events/watch.ts" },
      ]),
    );
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
      .map((k) => `${k} is documented but no API route file exports it`);
    expect(extra).toEqual([]);
  });
});
