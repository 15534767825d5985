import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError } from "@/lib/errors/app-error";
import { getDatabase } from "@/db";
import type { Actor } from "@/lib/auth/actor";
import { authenticate } from "@/lib/auth/authenticate";
import { errorResponse, rememberActor, tooLarge } from "./api-route";
import { heldBodyOf, holdBody, requestHolding } from "./held-bodies";
import { rememberPeer } from "./peer-address";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type WebHandler = (request: Request, segment?: { params: Promise<Record<string, string>> }) => Promise<Response>;

/**
 * Serves route handlers written as in app/ (a Fetch API Request in, a Response out) from a Pages
 * Router API route, which Next.js hands Node's own request and response.
 *
 * Why: Next.js sends the body of every App Router response through a web WritableStream
 * (`pipeToNodeResponse` in next/dist/server/pipe-readable.js: an AbortController, a separate
 * header write, a chunked end). On our 2-core machine, at 32 requests in flight, an empty App
 * Router handler answered about 2,100 requests/s and one returning a constant JSON body about
 * 1,500: the body alone cost more app CPU than everything the event routes do. Served through this
 * adapter, a handler that reads a JSON body and answers one reached 2,300. So the event ingestion
 * routes and GET /recommend, the hottest paths, live in pages/api/v1; everything else stays in app/.
 * `npm run bench:events` and `npm run bench:recs` measure them against empty handlers served both ways.
 *
 * The body is read whole, up to `maxBodyBytes` (413 past it), before the handler runs, and handed
 * over in a Request that holds it as bytes (./held-bodies.ts). With `authenticate`, the caller is
 * resolved from the headers first (401 without reading the body) and handed to apiRoute's
 * `actor()`, so it is not resolved twice.
 *
 * `route` is the file's URL pattern ("/api/v1/recommend/[userId]"): its dynamic segments reach the
 * handler as App Router params do. (Next.js's own `req.query` mixes them with the query string.)
 */
export function nodeApiRoute(handlers: Partial<Record<Method, WebHandler>>, options: { maxBodyBytes: number; authenticate?: boolean; route?: string }) {
  const allow = ["OPTIONS", ...Object.keys(handlers)].join(", ");
  return async function (req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const method = (req.method ?? "GET").toUpperCase();
      if (method === "OPTIONS") return send(res, new Response(null, { status: 204, headers: { allow } }));
      const handler = handlers[method as Method];
      if (!handler) {
        const error = new AppError("method_not_allowed", `${method} is not supported here; use ${allow}`, { headers: { allow } });
        return send(res, error.toResponse());
      }
      // One Request for the whole exchange: made from the headers, its body filled in once read.
      const request = toFetchRequest(req, method);
      if (!request) return send(res, new AppError("bad_request:url", "The request target is not a valid URL").toResponse(), { close: true });
      if (options.authenticate) {
        // Who is calling is in the headers: a stranger is answered before a byte of the body (up
        // to 2 MB on the batch route) is read, as the App Router routes refuse before reading.
        const found = await authenticateEarly(request).catch((error: unknown) => errorResponse(error, { method }, req.url ?? "?"));
        if (found instanceof Response) return send(res, found, { close: true });
        if (!found) return send(res, new AppError("unauthorized", "Sign in, or send an API token as 'Authorization: Bearer …'").toResponse(), { close: true });
        rememberActor(request, found);
      }
      const body = await readBody(req, options.maxBodyBytes);
      if (body === "too large") return send(res, tooLarge(options.maxBodyBytes).toResponse(), { close: true });
      if (method !== "GET") holdBody(request, body);
      await send(res, await handler(request, options.route ? { params: Promise.resolve(paramsOf(options.route, new URL(request.url).pathname)) } : undefined));
    } catch (error) {
      // A client that hung up mid-body has nobody left to answer.
      if (res.headersSent || res.destroyed || req.socket.destroyed) return void res.destroy();
      await send(res, errorResponse(error, { method: req.method ?? "?" }, req.url ?? "?"));
    }
  };
}

/** The values of a pattern's [name] segments in a path ("/a/[id]" and "/a/x%20y" → { id: "x y" }). */
export function paramsOf(pattern: string, pathname: string): Record<string, string> {
  const names = pattern.split("/");
  const values = pathname.split("/");
  const params: Record<string, string> = {};
  names.forEach((name, i) => {
    const dynamic = /^\[(\w+)\]$/.exec(name);
    if (!dynamic || values[i] === undefined) return;
    try {
      params[dynamic[1]!] = decodeURIComponent(values[i]!);
    } catch {
      params[dynamic[1]!] = values[i]!;
    }
  });
  return params;
}

async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer<ArrayBuffer> | "too large"> {
  if (Number(req.headers["content-length"] ?? 0) > maxBytes) return "too large";
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > maxBytes) return "too large";
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

async function authenticateEarly(head: Request): Promise<Actor | null> {
  const handle = await getDatabase().catch((cause) => {
    throw new AppError("unavailable:database", "The database is not reachable", { cause });
  });
  return authenticate(head, handle.db);
}

function toFetchRequest(req: IncomingMessage, method: string): Request | null {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === "string") headers.append(name, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
  }
  // Only the path and query matter to the handlers; the Host header is the client's to choose,
  // so it does not go into the URL.
  let url: URL;
  try {
    url = new URL(req.url ?? "/", "http://localhost");
  } catch {
    return null;
  }
  const request = requestHolding(url, { method, headers }, method === "GET" ? null : EMPTY_BODY);
  rememberPeer(request, req.socket.remoteAddress);
  return request;
}

const EMPTY_BODY = Buffer.alloc(0);

async function send(res: ServerResponse, response: Response, options: { close?: boolean } = {}): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") res.setHeader(name, value);
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) res.setHeader("set-cookie", cookies);
  // A client still sending a body we refused should not keep the connection.
  if (options.close) res.setHeader("connection", "close");
  // Held text goes out as it is, without a copy into a Buffer first.
  const held = heldBodyOf(response);
  const body = held !== undefined ? held : response.body ? Buffer.from(await response.arrayBuffer()) : null;
  if (body !== null) res.setHeader("content-length", typeof body === "string" ? Buffer.byteLength(body) : body.byteLength);
  res.end(body);
}
