import { describe, expect, it, vi } from "vitest";
import { cachedToken, forgetToken, TOKEN_CACHE_MS } from "./token-cache";

const token = (id: string) => ({ id, scopes: ["events:write"], createdBy: "admin-1", ownerRole: "admin", lastUsedAt: null });

describe("the API token cache", () => {
  it("looks a token up once while it is fresh, then again", async () => {
    const load = vi.fn(async () => token("t1"));
    expect(await cachedToken("hash-1", 0, load)).toMatchObject({ id: "t1" });
    expect(await cachedToken("hash-1", TOKEN_CACHE_MS - 1, load)).toMatchObject({ id: "t1" });
    expect(load).toHaveBeenCalledTimes(1);
    await cachedToken("hash-1", TOKEN_CACHE_MS + 1, load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("does not remember unknown tokens", async () => {
    const load = vi.fn(async () => null);
    expect(await cachedToken("hash-unknown", 0, load)).toBeNull();
    expect(await cachedToken("hash-unknown", 1, load)).toBeNull();
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("forgets a revoked token at once", async () => {
    let live: ReturnType<typeof token> | null = token("t2");
    const load = vi.fn(async () => live);
    expect(await cachedToken("hash-2", 0, load)).not.toBeNull();
    live = null;
    forgetToken("t2");
    expect(await cachedToken("hash-2", 1, load)).toBeNull();
  });
});
