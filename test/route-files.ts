import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..");
const APP_DIR = path.join(ROOT, "app");
// The hot event routes are Pages Router API routes (see lib/http/node-api-route.ts): pages/api/x/y.ts
// serves /api/x/y and exports its handlers by method, as app/ routes do.
const PAGES_DIR = path.join(ROOT, "pages");

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface RouteFile {
  /** Absolute path. */
  file: string;
  /** From the repository root, with forward slashes: "app/api/v1/movies/[id]/route.ts". */
  relative: string;
  /** The URL it serves, with Next's segments: "/api/v1/movies/[id]". */
  pattern: string;
  methods: HttpMethod[];
}

/** Every API route the app serves: route files under app/api, and the API routes in pages/api. */
export function apiRouteFiles(): RouteFile[] {
  const appRoutes = filesUnder(path.join(APP_DIR, "api"), (name) => /^route\.(ts|tsx|js)$/.test(name));
  const pagesRoutes = filesUnder(path.join(PAGES_DIR, "api"), (name) => /\.(ts|js)$/.test(name) && !/\.test\.ts$/.test(name));
  return [...appRoutes, ...pagesRoutes].map((file) => ({
    file,
    relative: path.relative(ROOT, file).split(path.sep).join("/"),
    pattern: routePatternOf(file),
    methods: exportedMethods(readFileSync(file, "utf8")),
  }));
}

function filesUnder(dir: string, isRoute: (name: string) => boolean): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "__tests__" ? [] : filesUnder(full, isRoute);
    return isRoute(entry.name) ? [full] : [];
  });
}

/** "app/api/v1/movies/[id]/route.ts" and "pages/api/v1/movies/[id].ts" → "/api/v1/movies/[id]"; route groups vanish. */
export function routePatternOf(file: string): string {
  const segments = file.startsWith(PAGES_DIR + path.sep)
    ? path.relative(PAGES_DIR, file).replace(/\.(ts|js)$/, "").split(path.sep).filter((s, i, all) => !(s === "index" && i === all.length - 1))
    : path.relative(APP_DIR, path.dirname(file)).split(path.sep);
  return "/" + segments.filter((s) => !/^\(.*\)$/.test(s)).join("/");
}

export function exportedMethods(source: string): HttpMethod[] {
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
