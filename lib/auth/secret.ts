import "server-only";
import { randomBytes } from "node:crypto";
import type { Db } from "@/db/client";
import { getOrCreateSetting } from "@/db/queries/settings";
import { env } from "@/lib/config/env";

const globalForSecret = globalThis as unknown as { marqueeAuthSecret?: Promise<string> };

/**
 * The key that signs session cookies: AUTH_SECRET when set, otherwise one generated on first start
 * and kept in the database, so every instance on the same database agrees without configuration.
 */
export function getAuthSecret(db: Db): Promise<string> {
  const configured = env().AUTH_SECRET ?? env().NEXTAUTH_SECRET;
  if (configured) return Promise.resolve(configured);
  globalForSecret.marqueeAuthSecret ??= getOrCreateSetting(db, "auth_secret", () => randomBytes(32).toString("base64url")).catch((error) => {
    globalForSecret.marqueeAuthSecret = undefined;
    throw error;
  });
  return globalForSecret.marqueeAuthSecret;
}
