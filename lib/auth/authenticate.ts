import "server-only";
import { getToken } from "next-auth/jwt";
import type { Db } from "@/db/client";
import { findActiveTokenByHash, touchApiToken } from "@/db/queries/api-tokens";
import { findUserById } from "@/db/queries/users";
import type { TokenScope } from "./contract";
import { AppError } from "@/lib/errors/app-error";
import type { Actor } from "./actor";
import { bearerToken, hashApiToken } from "./api-tokens";
import { assertSameOrigin } from "./same-origin";
import { getAuthSecret } from "./secret";
import { cachedToken } from "./token-cache";

// Writing lastUsedAt on every call would turn each read into a write; once a minute is plenty.
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Who sent this request: an API token in the Authorization header, or else the next-auth session
 * cookie. The role is read from the database each time, so a demoted admin loses access at once.
 * A token acts with at most its owner's current rights: only admins create tokens, so a token
 * whose owner is no longer an admin is refused whatever its scopes.
 */
export async function authenticate(request: Request, db: Db, now: Date = new Date()): Promise<Actor | null> {
  const token = bearerToken(request);
  if (token !== null) {
    const found = await cachedToken(hashApiToken(token), now.getTime(), (hash) => findActiveTokenByHash(db, hash));
    if (!found) throw new AppError("unauthorized:token", "The API token is unknown or revoked");
    if (found.ownerRole !== "admin") throw new AppError("forbidden:token_owner", "The token's owner is no longer an admin, so the token may do nothing; an admin can create a new one");
    if (!found.lastUsedAt || now.getTime() - found.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
      found.lastUsedAt = now; // the cached copy too, so the next calls do not touch it again
      await touchApiToken(db, found.id, now);
    }
    return { kind: "token", tokenId: found.id, userId: found.createdBy, scopes: found.scopes as TokenScope[] };
  }
  const userId = await sessionUserId(request, db);
  if (!userId) return null;
  assertSameOrigin(request);
  const user = await findUserById(db, userId);
  if (!user) return null;
  return { kind: "user", userId: user.id, role: user.role, email: user.email };
}

async function sessionUserId(request: Request, db: Db): Promise<string | null> {
  const cookieHeader = request.headers.get("cookie");
  if (!cookieHeader || !cookieHeader.includes("next-auth.session-token")) return null;
  const jwt = await getToken({
    // next-auth reads cookies from a plain object; a Fetch API Request has only the header.
    req: { cookies: parseCookies(cookieHeader), headers: {} } as never,
    secret: await getAuthSecret(db),
  });
  return typeof jwt?.sub === "string" ? jwt.sub : null;
}

export function parseCookies(header: string): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    try {
      cookies[name] = decodeURIComponent(value);
    } catch {
      cookies[name] = value;
    }
  }
  return cookies;
}
