import { describe, expect, it } from "vitest";
import { restoreMovie, withLike, withoutMovie } from "./shown-list";

const served = ["a", "b", "c", "d"];
const items = served.map((movieId) => ({ movieId }));
const ids = (list: { movieId: string }[]) => list.map((i) => i.movieId);

describe("a shown list", () => {
  it("drops a turned-down movie and puts it back in its own place when the feedback fails", () => {
    const shown = withoutMovie(items, "b");
    expect(ids(shown)).toEqual(["a", "c", "d"]);
    expect(ids(restoreMovie(shown, { movieId: "b" }, served))).toEqual(["a", "b", "c", "d"]);
  });

  it("restores one of two movies turned down at once without bringing back the other", () => {
    const shown = withoutMovie(withoutMovie(items, "a"), "c");
    expect(ids(restoreMovie(shown, { movieId: "c" }, served))).toEqual(["b", "c", "d"]);
    expect(ids(restoreMovie(withoutMovie(items, "d"), { movieId: "d" }, served))).toEqual(served);
  });

  it("never shows a movie twice", () => {
    expect(ids(restoreMovie(items, { movieId: "b" }, served))).toEqual(served);
  });

  it("keeps each like once and takes it back", () => {
    expect(withLike(withLike([], "a", true), "a", true)).toEqual(["a"]);
    expect(withLike(["a", "b"], "a", false)).toEqual(["b"]);
  });
});
