import "server-only";
import type { Db } from "@/db/client";
import { insertApiToken, revokeApiToken } from "@/db/queries/api-tokens";
import { AppError } from "@/lib/errors/app-error";
import { generateApiToken } from "./api-tokens";
import type { CreateTokenInput } from "./contract";
import { forgetToken } from "./token-cache";

/** Creates a token for `ownerId`. The secret is in the result once and never stored. */
export async function createApiToken(db: Db, ownerId: string, input: CreateTokenInput) {
  const { token, prefix, hash } = generateApiToken();
  const record = await insertApiToken(db, { name: input.name, prefix, tokenHash: hash, scopes: [...new Set(input.scopes)], createdBy: ownerId });
  return { ...record, token };
}

export async function revokeToken(db: Db, id: string, now: Date) {
  const revoked = await revokeApiToken(db, id, now);
  forgetToken(id);
  if (!revoked) throw new AppError("not_found:token", `No active token with id '${id}'`, { fields: { id: "Not found or already revoked" } });
  return revoked;
}
