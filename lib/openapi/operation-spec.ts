import type { z } from "zod";
import type { TokenScope } from "@/lib/auth/contract";

/**
 * How an operation of the JSON API is described for the OpenAPI document and the reference page.
 * Each domain lists its own in `lib/<domain>/operations.ts`; lib/openapi/operations.ts assembles them.
 */

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Who may call: anyone, any signed-in caller, admins, or admins and tokens with the scope. */
export type Access = "public" | "signed-in" | "admin" | TokenScope;

/** Error statuses with a shared response in components.responses. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;

export interface HeaderSpec {
  name: string;
  description: string;
  schema?: z.ZodType;
  example?: string;
}

export interface ResponseSpec {
  description: string;
  /** Omit for an empty body (204). */
  schema?: z.ZodType;
  /** application/json unless said otherwise. */
  contentType?: string;
  example?: unknown;
}

export interface OperationSpec {
  operationId: string;
  method: HttpMethod;
  /** OpenAPI style: "/api/v1/movies/{id}". */
  path: string;
  /** One of the tags its section declares. */
  tag: string;
  summary: string;
  description?: string;
  auth: Access;
  /**
   * For "signed-in": the token scopes that grant it too (any one); without, only admin tokens.
   * Checked before the body is read, so a refused caller learns nothing from its validation.
   */
  tokenScopes?: TokenScope[];
  /**
   * For "signed-in": where the user the call is about is named, when a viewer may only act for
   * themself (tokens with a scope and admins act for anyone). "session": the path's sessionId,
   * whose list it was.
   */
  self?: { in: "path" | "query" | "body"; field: string } | { in: "session"; field: string };
  /** Who may call, when the access level alone does not say it (e.g. "only for themself"). */
  authNote?: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** Request headers the route reads besides Authorization and Content-Type. */
  headers?: HeaderSpec[];
  body?: z.ZodType;
  bodyExample?: unknown;
  responses: Record<number, ResponseSpec>;
  /**
   * Errors particular to this operation. The usual ones are added from the rest of the entry:
   * 400 for params, query or body; 413/415 for a body; 401/403 unless public; 404 with path params.
   */
  errors?: ErrorStatus[];
  /** Values for the curl example. */
  example?: { params?: Record<string, string>; query?: Record<string, string> };
}

export interface TagSpec {
  name: string;
  description: string;
}

/** A domain's part of the API: its tags, in the reference's order, and its operations. */
export interface ApiSection {
  tags: TagSpec[];
  operations: OperationSpec[];
}

export type { TokenScope };
