import { describe, expect, it } from "vitest";
import { errorHeadline, payloadSummary } from "./dead-letter-summary";

describe("a dead letter's payload in one line", () => {
  it("names the event, its user and its movie for the events queue", () => {
    expect(payloadSummary("events.process", { eventId: 42, type: "watch", userId: "7", movieId: "296" })).toBe("watch event #42 · user 7 · movie 296");
    expect(payloadSummary("events.process", { eventId: 43, type: "search", userId: "7", movieId: null })).toBe("search event #43 · user 7");
  });

  it("shows the first fields of other payloads, shortened", () => {
    expect(payloadSummary("trends.refresh", { movieId: "296", tmdbId: 680 })).toBe("movieId: 296 · tmdbId: 680");
    expect(payloadSummary("x", { a: 1, b: { c: 2 }, d: "e", f: 0 })).toBe('a: 1 · b: {"c":2} · d: e · +1 more');
    expect(payloadSummary("x", { text: "y".repeat(200) })).toHaveLength(120);
    expect(payloadSummary("x", {})).toBe("(empty)");
  });
});

describe("a dead letter's error in one line", () => {
  it("leads with the innermost cause, not the failed query", () => {
    const error = 'Failed query: insert into movie_trends (movie_id, views) select … params: [{"movie_id":"9"}] — caused by: insert or update on table "movie_trends" violates foreign key constraint "movie_trends_movie_id_movies_id_fk"';
    expect(errorHeadline(error)).toBe('insert or update on table "movie_trends" violates foreign key constraint "movie_trends_movie_id_movies_id_fk"');
  });

  it("keeps a plain error's first line, shortened", () => {
    expect(errorHeadline("TMDB answered 503\nretry later")).toBe("TMDB answered 503");
    expect(errorHeadline("x".repeat(300))).toHaveLength(160);
  });
});
