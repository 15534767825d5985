import "server-only";
/**
 * Services send many requests a second with one token; looking it up once every few seconds
 * instead of on each request takes a database query off every call. Revoking a token forgets it
 * here at once, and so does changing its owner's role; other app instances follow within
 * TOKEN_CACHE_MS.
 */
export const TOKEN_CACHE_MS = 5_000;
const MAX_ENTRIES = 10_000;

export interface CachedToken {
  id: string;
  scopes: string[];
  createdBy: string;
  /** The owner's role when the token was looked up. */
  ownerRole: string;
  lastUsedAt: Date | null;
}

const globalForTokens = globalThis as unknown as { marqueeTokenCache?: Map<string, { token: CachedToken; until: number }> };
const cache = (globalForTokens.marqueeTokenCache ??= new Map());

/** The live token with this hash: from the cache while fresh, else from `load`. Unknown tokens are not remembered. */
export async function cachedToken<T extends CachedToken>(hash: string, nowMs: number, load: (hash: string) => Promise<T | null>): Promise<T | null> {
  const hit = cache.get(hash);
  if (hit && hit.until > nowMs) return hit.token as T;
  const found = await load(hash);
  if (!found) {
    cache.delete(hash);
    return null;
  }
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(hash, { token: found, until: nowMs + TOKEN_CACHE_MS });
  return found;
}

export function forgetToken(id: string) {
  for (const [hash, entry] of cache) if (entry.token.id === id) cache.delete(hash);
}

/** After a user's role changes: their tokens are looked up again, with the new role. */
export function forgetTokensOf(userId: string) {
  for (const [hash, entry] of cache) if (entry.token.createdBy === userId) cache.delete(hash);
}
