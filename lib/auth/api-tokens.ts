import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { TOKEN_PREFIX } from "./contract";

export function generateApiToken(random: (n: number) => Buffer = randomBytes): { token: string; prefix: string; hash: string } {
  const token = TOKEN_PREFIX + random(32).toString("base64url");
  return { token, prefix: token.slice(0, 10), hash: hashApiToken(token) };
}

/** Tokens are long and random, so a fast hash is enough; argon2 would slow every API call. */
export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match ? match[1]! : null;
}
