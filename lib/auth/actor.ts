import "server-only";
import type { Role, TokenScope } from "./contract";
import { AppError } from "@/lib/errors/app-error";

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
