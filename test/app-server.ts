import type http from "node:http";
import { apiRouteFiles, type RouteFile } from "./route-files";
import { serveNode, type NodeServer } from "./node-server";

/**
 * Every API route of the app (app/api route handlers and pages/api routes) on a real HTTP server
 * in this process, for clients that must be tested over the network (the simulation client). The
 * handlers are the app's own modules on the test database: URL matching is the only part added,
 * by the same route patterns Next.js uses ("[id]", "[...slug]"), static segments before dynamic ones.
 */
export async function serveApp(): Promise<NodeServer> {
  const routes = apiRouteFiles()
    .map((route) => ({ route, ...matcherOf(route.pattern) }))
    .sort((a, b) => a.dynamic - b.dynamic || b.route.pattern.length - a.route.pattern.length);
  const modules = new Map<string, Promise<Record<string, unknown>>>();
  const load = (route: RouteFile) => {
    let loaded = modules.get(route.file);
    if (!loaded) modules.set(route.file, (loaded = import(/* @vite-ignore */ route.file) as Promise<Record<string, unknown>>));
    return loaded;
  };

  return serveNode(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      const found = routes.map((r) => ({ r, match: r.regex.exec(url.pathname) })).find((m) => m.match);
      if (!found) return sendJson(res, 404, { error: { code: "not_found", message: `No route for ${url.pathname}` } });
      const mod = await load(found.r.route);
      // A Pages Router API route takes Node's request and response itself.
      if (found.r.route.relative.startsWith("pages/")) return await (mod.default as (q: http.IncomingMessage, s: http.ServerResponse) => Promise<void>)(req, res);
      const handler = mod[req.method ?? "GET"] as ((request: Request, segment: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>) | undefined;
      if (!handler) return sendJson(res, 405, { error: { code: "method_not_allowed", message: `${req.method} is not supported here` } });
      const params: Record<string, string | string[]> = {};
      found.r.keys.forEach((key, i) => {
        const value = decodeURIComponent(found.match![i + 1]!);
        params[key.name] = key.catchAll ? value.split("/") : value;
      });
      const body = req.method === "GET" || req.method === "HEAD" ? undefined : await readBody(req);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === "string") headers.set(name, value);
      const response = await handler(new Request(url, { method: req.method, headers, body: body?.byteLength ? new Uint8Array(body) : undefined }), { params: Promise.resolve(params) });
      res.statusCode = response.status;
      response.headers.forEach((value, name) => res.setHeader(name, value));
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      sendJson(res, 500, { error: { code: "test_server", message: String(error) } });
    }
  });
}

function matcherOf(pattern: string): { regex: RegExp; keys: { name: string; catchAll: boolean }[]; dynamic: number } {
  const keys: { name: string; catchAll: boolean }[] = [];
  const source = pattern
    .split("/")
    .map((segment) => {
      const catchAll = /^\[\.\.\.(.+)\]$/.exec(segment);
      if (catchAll) {
        keys.push({ name: catchAll[1]!, catchAll: true });
        return "(.+)";
      }
      const dynamic = /^\[(.+)\]$/.exec(segment);
      if (dynamic) {
        keys.push({ name: dynamic[1]!, catchAll: false });
        return "([^/]+)";
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("/");
  return { regex: new RegExp(`^${source}/?$`), keys, dynamic: keys.length };
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  res.statusCode = status;
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify(body));
}
