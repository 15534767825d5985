import { describe, expect, it } from "vitest";
import { parseCsvLine } from "./csv";

describe("parseCsvLine", () => {
  it("splits a line without quotes on every comma, keeping empty fields", () => {
    expect(parseCsvLine("3,0113228,")).toEqual({ ok: true, value: ["3", "0113228", ""] });
  });

  it("keeps commas inside quotes and turns doubled quotes into one", () => {
    expect(parseCsvLine('2,"""Great"" Escape, The (1963)",Action|War')).toEqual({
      ok: true,
      value: ["2", '"Great" Escape, The (1963)', "Action|War"],
    });
  });

  it("reads a quoted field at the end of the line and an empty quoted field", () => {
    expect(parseCsvLine('567,4552,"""artsy"""')).toEqual({ ok: true, value: ["567", "4552", '"artsy"'] });
    expect(parseCsvLine('1,"",x')).toEqual({ ok: true, value: ["1", "", "x"] });
  });

  it("rejects an unterminated quote and text after a closing quote", () => {
    expect(parseCsvLine('1,"Heat (1995),Action')).toEqual({ ok: false, reason: "unterminated quoted field starting at column 3" });
    expect(parseCsvLine('1,"Heat" (1995),Action')).toEqual({ ok: false, reason: "unexpected text after the closing quote at column 9" });
    expect(parseCsvLine('1,He"at,Action')).toMatchObject({ ok: false, reason: expect.stringContaining("stray quote") });
  });
});
