import "server-only";
import type { Role, TokenScope } from "./contract";
import { AppError, type ErrorCode } from "@/lib/errors/app-error";

/** Who is calling: a signed-in person (session cookie) or a service (API token). */
export type Actor =
  | { kind: "user"; userId: string; role: Role; email: string | null }
  | { kind: "token"; tokenId: string; userId: string; scopes: TokenScope[] };

export function isAdmin(actor: Actor | null): boolean {
  if (!actor) return false;
  return actor.kind === "user" ? actor.role === "admin" : actor.scopes.includes("admin");
}

export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new AppError("unauthorized", "Sign in, or send an API token as 'Authorization: Bearer …'");
  return actor;
}

/** Admin sessions, and tokens with the `admin` scope. */
export function requireAdmin(actor: Actor | null): Actor {
  const caller = requireActor(actor);
  if (!isAdmin(caller)) throw new AppError("forbidden:admin", "This action is for admins");
  return caller;
}

/** Admins, or tokens that carry the scope (an `admin` token carries every scope). */
export function requireScope(actor: Actor | null, scope: TokenScope): Actor {
  const caller = requireActor(actor);
  if (isAdmin(caller)) return caller;
  if (caller.kind === "token" && caller.scopes.includes(scope)) return caller;
  throw new AppError(`forbidden:${scope}`, `This needs an admin or a token with the '${scope}' scope`);
}

/**
 * The first check of a route a viewer may call for themself: anyone signed in, tokens with one of
 * `scopes`, admins. It runs before the body is read; once the user the call is about is known,
 * `requireSelf` narrows viewers to their own data.
 */
export function requireViewerOrScope(actor: Actor | null, scopes: readonly TokenScope[]): Actor {
  const caller = requireActor(actor);
  if (caller.kind === "user" || isAdmin(caller)) return caller;
  if (scopes.some((scope) => caller.scopes.includes(scope))) return caller;
  if (!scopes.length) throw new AppError("forbidden:admin", "API tokens need the 'admin' scope for this; viewers may do it for themselves");
  throw new AppError(`forbidden:${scopes[0]}`, `This needs a token with the '${scopes.join("' or '")}' scope`);
}

/** Viewers act only for themselves; callers that passed `requireViewerOrScope` as tokens, and admins, for anyone. */
export function requireSelf(caller: Actor, userId: string, refusal: { code: ErrorCode; message: string; field?: string }): Actor {
  if (caller.kind === "token" || isAdmin(caller) || caller.userId === userId) return caller;
  throw new AppError(refusal.code, refusal.message, refusal.field ? { fields: { [refusal.field]: "Not you" } } : {});
}
