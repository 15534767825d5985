import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import type { Db } from "@/db/client";
import { createUser } from "@/db/queries/users";
import type { Role, TokenScope } from "@/lib/auth/contract";
import { getAuthSecret } from "@/lib/auth/secret";
import { createApiToken } from "@/lib/auth/token-service";

type Handler = (request: Request, segment: { params: Promise<Record<string, string | string[]>> }) => Promise<Response> | Response;

/**
 * Calls a route handler the way Next.js does: a real Request, the path params as a promise.
 * Nothing is mocked: the handler reaches the test database through the real stack.
 */
export async function call(
  handler: Handler,
  options: { method?: string; path?: string; params?: Record<string, string>; body?: unknown; rawBody?: string; headers?: Record<string, string>; as?: Caller },
  // Responses are asserted field by field; typing every body would only restate the assertions.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ status: number; body: any; headers: Headers }> {
  // A real HTTP request always names the host it was sent to.
  const headers: Record<string, string> = { host: "localhost", ...options.as?.headers, ...options.headers };
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const request = new Request(`http://localhost${options.path ?? "/"}`, { method: options.method ?? "GET", headers, body });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON (metrics text, empty 204): keep the text.
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

export interface Caller {
  userId: string;
  headers: Record<string, string>;
}

/**
 * A user with a real next-auth session cookie, signed with the app's secret. Its requests carry
 * the Origin a browser on our own pages sends (lib/auth/same-origin.ts); give another to test it.
 */
export async function sessionFor(db: Db, role: Role, id = `${role}-${randomUUID().slice(0, 8)}`): Promise<Caller> {
  await createUser(db, { id, email: `${id}@example.com`, role, displayName: `Test ${role}` });
  const jwt = await encode({ token: { sub: id, role }, secret: await getAuthSecret(db) });
  return { userId: id, headers: { cookie: `next-auth.session-token=${jwt}`, origin: "http://localhost" } };
}

/** An API token with the given scopes, owned by a fresh admin. */
export async function tokenFor(db: Db, scopes: TokenScope[]): Promise<Caller> {
  const owner = await sessionFor(db, "admin");
  const created = await createApiToken(db, owner.userId, { name: `test ${scopes.join(" ")}`, scopes });
  return { userId: owner.userId, headers: { authorization: `Bearer ${created.token}` } };
}
