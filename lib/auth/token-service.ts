import { z } from "zod";
import type { Db } from "@/db/client";
import { insertApiToken, revokeApiToken } from "@/db/queries/api-tokens";
import { tokenScopes } from "@/db/schema";
import { AppError } from "@/lib/errors/app-error";
import { generateApiToken } from "./api-tokens";
import { forgetToken } from "./token-cache";

export const createTokenSchema = z
  .object({
    name: z.string().trim().min(1, "Name the token after who uses it").max(80),
    scopes: z.array(z.enum(tokenScopes)).min(1, "Choose at least one scope").max(tokenScopes.length),
  })
  .strict();

/** Creates a token for `ownerId`. The secret is in the result once and never stored. */
export async function createApiToken(db: Db, ownerId: string, input: z.infer<typeof createTokenSchema>) {
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
