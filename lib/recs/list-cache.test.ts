import { describe, expect, it } from "vitest";
import { ListCache, parseStaleListsPayload } from "./list-cache";

const list = (...ids: string[]) => ids.map((movieId) => ({ movieId, title: movieId, score: 1, reasons: [], source: "model" as const }));

function cache(options: Partial<{ maxEntries: number; ttlMs: number }> = {}) {
  let now = 0;
  const lists = new ListCache({ maxEntries: options.maxEntries ?? 10, ttlMs: options.ttlMs ?? 1_000, now: () => now });
  return { lists, advance: (ms: number) => (now += ms) };
}

describe("the lists an instance keeps", () => {
  it("answers a kept list only for the model version it was made by", () => {
    const { lists } = cache();
    lists.set("ana", "als", 3, list("heat"), lists.ticket());
    expect(lists.get("ana", "als", 3)?.map((i) => i.movieId)).toEqual(["heat"]);
    expect(lists.get("ana", "ease", 3)).toBeNull();
    expect(lists.get("ana", "als", 4)).toBeNull();
  });

  it("forgets a user's lists when they change, and refuses a list computed from what was read before", () => {
    const { lists } = cache();
    lists.set("ana", "als", 3, list("heat"), lists.ticket());
    lists.set("bo", "als", 3, list("up"), lists.ticket());
    const before = lists.ticket();
    lists.invalidate(["ana"]);
    expect(lists.get("ana", "als", 3)).toBeNull();
    expect(lists.get("bo", "als", 3)).not.toBeNull();
    // Read before ana's events were applied: not kept. Read after: kept.
    expect(lists.set("ana", "als", 3, list("heat"), before)).toBe(false);
    expect(lists.set("bo", "ease", 3, list("up"), before)).toBe(true);
    expect(lists.set("ana", "als", 3, list("ran"), lists.ticket())).toBe(true);
  });

  it("forgets everyone's on 'all', and lists age out after their time", () => {
    const { lists, advance } = cache({ ttlMs: 1_000 });
    const ticket = lists.ticket();
    lists.set("ana", "als", 3, list("heat"), ticket);
    lists.invalidate("all");
    expect(lists.get("ana", "als", 3)).toBeNull();
    expect(lists.set("bo", "als", 3, list("up"), ticket)).toBe(false);
    lists.set("bo", "als", 3, list("up"), lists.ticket());
    advance(1_001);
    expect(lists.get("bo", "als", 3)).toBeNull();
  });

  it("keeps at most maxEntries, dropping the least recently used", () => {
    const { lists } = cache({ maxEntries: 2 });
    lists.set("a", "als", 1, list("x"), lists.ticket());
    lists.set("b", "als", 1, list("x"), lists.ticket());
    lists.get("a", "als", 1);
    lists.set("c", "als", 1, list("x"), lists.ticket());
    expect(lists.size).toBe(2);
    expect(lists.get("b", "als", 1)).toBeNull();
    expect(lists.get("a", "als", 1)).not.toBeNull();
  });

  it("reads the announcement's payload, and anything it cannot read as everyone", () => {
    expect(parseStaleListsPayload('["ana","bo"]')).toEqual(["ana", "bo"]);
    expect(parseStaleListsPayload("*")).toBe("all");
    expect(parseStaleListsPayload("{oops")).toBe("all");
    expect(parseStaleListsPayload("[1]")).toBe("all");
  });
});
