import "server-only";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { getDatabase, type DatabaseHandle, type Db } from "@/db";
import { isDatabaseStall } from "@/db/errors";
import { authenticate } from "@/lib/auth/authenticate";
import type { Actor } from "@/lib/auth/actor";
import { AppError, isAppError } from "@/lib/errors/app-error";
import { logger, requestContext } from "@/lib/log/logger";
import { metrics } from "@/lib/metrics/registry";
import { heldBodyOf, jsonHolding } from "./held-bodies";

export interface ApiContext<P> {
  request: Request;
  params: P;
  requestId: string;
  db: Db;
  /** The database handle, for what needs more than queries (LISTEN/NOTIFY). */
  handle: DatabaseHandle;
  now: Date;
  /** The caller, resolved on first use (session cookie or API token). */
  actor(): Promise<Actor | null>;
}

type SegmentData = { params: Promise<unknown> };

// Callers resolved before the request reached its handler (./node-api-route.ts authenticates
// from the headers, before reading the body).
const knownActors = new WeakMap<Request, Actor>();
export function rememberActor(request: Request, actor: Actor) {
  knownActors.set(request, actor);
}

// A stalled database (a statement past DATABASE_STATEMENT_TIMEOUT_MS, no connection) is answered
// 503 with a hint to come back, never a 500: the request was fine, the moment was not.
const DATABASE_STALLED = "The database is not answering in time; try again shortly";
const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * Wraps a route handler: gives it a request id, the database and the caller; answers AppErrors
 * with their JSON shape, anything unexpected with a logged, generic 500; records metrics.
 * `route` is the pattern ("/api/v1/movies/[id]") so metrics do not explode by id.
 */
export function apiRoute<P extends z.ZodType = z.ZodType<Record<string, never>>>(
  route: string,
  handler: (ctx: ApiContext<z.infer<P>>) => Promise<Response>,
  options: { params?: P } = {},
) {
  return async function (request: Request, segment?: SegmentData): Promise<Response> {
    const requestId = request.headers.get("x-request-id")?.slice(0, 64) || randomUUID();
    const started = performance.now();
    const response = await requestContext.run({ requestId }, async () => {
      try {
        const rawParams = segment ? await segment.params : {};
        const params = options.params ? parseWith(options.params, rawParams, "path") : rawParams;
        const handle = await getDatabase().catch((cause) => {
          throw new AppError("unavailable:database", "The database is not reachable", { cause, retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS });
        });
        const db = handle.db;
        let actor: Promise<Actor | null> | undefined;
        return await handler({
          request,
          params: params as z.infer<P>,
          requestId,
          db,
          handle,
          now: new Date(),
          actor: () => (actor ??= knownActors.has(request) ? Promise.resolve(knownActors.get(request)!) : authenticate(request, db)),
        });
      } catch (error) {
        return errorResponse(error, request, route);
      }
    });
    response.headers.set("x-request-id", requestId);
    const seconds = (performance.now() - started) / 1000;
    const m = metrics();
    m.httpRequests.inc({ method: request.method, route, status: String(response.status) });
    m.httpDuration.observe({ method: request.method, route }, seconds);
    return response;
  };
}

export function errorResponse(error: unknown, request: { method: string }, route: string): Response {
  if (isDatabaseStall(error)) error = new AppError("unavailable:database", DATABASE_STALLED, { cause: error, retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS });
  if (isAppError(error)) {
    if (error.status >= 500) logger.error({ err: error, cause: error.cause, route, method: request.method }, error.message);
    else logger.info({ code: error.code, route, method: request.method }, error.message);
    return error.toResponse();
  }
  logger.error({ err: error, route, method: request.method }, "unexpected error");
  return new AppError("internal", "Something went wrong on our side. It has been logged.").toResponse();
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, prefix?: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw AppError.fromZod(parsed.error, prefix);
  return parsed.data;
}

export const DEFAULT_BODY_LIMIT = 256 * 1024;

/** Reads a JSON body within a size limit and parses it with the schema. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S, maxBytes = DEFAULT_BODY_LIMIT): Promise<z.infer<S>> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new AppError("unsupported_media_type", "Send the body as JSON with 'Content-Type: application/json'", { fields: { body: "Expected application/json" } });
  }
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const text = await readTextWithin(request, maxBytes);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("bad_request:json", "The body is not valid JSON", { fields: { body: "Malformed JSON" } });
  }
  return parseWith(schema, value);
}

export function tooLarge(maxBytes: number) {
  return new AppError("payload_too_large", `The body is larger than the limit of ${Math.round(maxBytes / 1024)} KiB`, { fields: { body: "Too large" } });
}

async function readTextWithin(request: Request, maxBytes: number): Promise<string> {
  const held = heldBodyOf(request);
  if (held !== undefined) {
    if (Buffer.byteLength(held) > maxBytes) throw tooLarge(maxBytes);
    return held.toString();
  }
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/**
 * Parses the query string. A key given once is a string; a key given more than once is a list,
 * which a field that takes one value refuses (a 400 naming it) rather than silently keeping one.
 */
export function readQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params = new URL(request.url).searchParams;
  const value: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    value[key] = all.length === 1 ? all[0]! : all;
  }
  return parseWith(schema, value, "query");
}

export function json(body: unknown, init?: number | ResponseInit): Response {
  return jsonHolding(body, typeof init === "number" ? { status: init } : init);
}

