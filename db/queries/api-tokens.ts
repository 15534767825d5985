import "server-only";
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../client";
import type { TokenScope } from "@/lib/auth/contract";
import { apiTokens, users } from "../schema";

export const publicTokenColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  scopes: apiTokens.scopes,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
};

export async function insertApiToken(db: Db, input: { name: string; prefix: string; tokenHash: string; scopes: TokenScope[]; createdBy: string }) {
  const [token] = await db.insert(apiTokens).values(input).returning(publicTokenColumns);
  return token!;
}

export async function listApiTokens(db: Db) {
  return db
    .select({ ...publicTokenColumns, createdByEmail: users.email })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.createdBy))
    .orderBy(desc(apiTokens.createdAt));
}

/** The live token with this hash, its owner's id and current role. Revoked tokens are not found. */
export async function findActiveTokenByHash(db: Db, tokenHash: string) {
  const [token] = await db
    .select({ id: apiTokens.id, scopes: apiTokens.scopes, createdBy: apiTokens.createdBy, ownerRole: users.role, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.createdBy))
    .where(and(eq(apiTokens.tokenHash, tokenHash), isNull(apiTokens.revokedAt)))
    .limit(1);
  return token ?? null;
}

export async function touchApiToken(db: Db, id: string, at: Date) {
  await db.update(apiTokens).set({ lastUsedAt: at }).where(eq(apiTokens.id, id));
}

export async function revokeApiToken(db: Db, id: string, at: Date) {
  const [token] = await db
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning(publicTokenColumns);
  return token ?? null;
}
