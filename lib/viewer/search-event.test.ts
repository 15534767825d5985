import { describe, expect, it } from "vitest";
import { parsePendingSearch, pendingSearch, searchEventFor } from "./search-event";

describe("search events from the movie list", () => {
  const pending = pendingSearch("  heat ", "Crime", "search-1")!;

  it("counts a submitted search only when words were typed", () => {
    expect(pending).toEqual({ query: "heat", genre: "Crime", requestId: "search-1" });
    expect(pendingSearch("   ", "Crime", "search-2")).toBeNull();
  });

  it("sends the query, the number of results and the genre filter when the results are shown", () => {
    expect(searchEventFor(pending, { query: "heat", genre: "Crime", resultsCount: 3 })).toEqual({ query: "heat", resultsCount: 3, filters: { genre: "Crime" } });
    const noGenre = pendingSearch("heat", "", "search-3");
    expect(searchEventFor(noGenre, { query: "heat", genre: undefined, resultsCount: 0 })).toEqual({ query: "heat", resultsCount: 0 });
  });

  it("sends nothing for a page that is not the submitted search (a reload, another page, another query)", () => {
    expect(searchEventFor(null, { query: "heat", genre: "Crime", resultsCount: 3 })).toBeNull();
    expect(searchEventFor(pending, { query: "heat 2", genre: "Crime", resultsCount: 3 })).toBeNull();
    expect(searchEventFor(pending, { query: "heat", genre: "", resultsCount: 3 })).toBeNull();
  });

  it("reads back only a well-formed marker", () => {
    expect(parsePendingSearch(JSON.stringify(pending))).toEqual(pending);
    expect(parsePendingSearch("{oops")).toBeNull();
    expect(parsePendingSearch(JSON.stringify({ query: 1 }))).toBeNull();
    expect(parsePendingSearch(null)).toBeNull();
  });
});
