import { describe, expect, it } from "vitest";
import { sameOriginPath } from "./callback-url";

describe("the callback after sign-in", () => {
  it("keeps a path on our site, with its query and fragment", () => {
    expect(sameOriginPath("/movies/296?tab=cast#top")).toBe("/movies/296?tab=cast#top");
    expect(sameOriginPath("/admin/showtimes")).toBe("/admin/showtimes");
    expect(sameOriginPath("https://marquee.example/admin?x=1", "https://marquee.example")).toBe("/admin?x=1");
  });

  it("sends every way of naming another site home, as the browser would read it", () => {
    for (const evil of [
      "/\\example.com", // /signin?callbackUrl=/%5Cexample.com
      "\\\\example.com",
      "//example.com",
      "/\t/example.com",
      "/\n/example.com",
      " //example.com",
      "/.//example.com",
      "https://example.com/",
      "http:example.com",
      "https://marquee.example.evil.com/",
      "javascript:alert(1)",
      "data:text/html,hi",
    ]) {
      expect(sameOriginPath(evil, "https://marquee.example"), JSON.stringify(evil)).toBe("/");
      expect(sameOriginPath(evil), JSON.stringify(evil)).toBe("/");
    }
  });

  it("sends nothing or nonsense home", () => {
    expect(sameOriginPath(undefined)).toBe("/");
    expect(sameOriginPath("")).toBe("/");
    expect(sameOriginPath("http://[::1")).toBe("/");
  });
});
