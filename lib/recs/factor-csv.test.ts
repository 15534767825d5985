import { describe, expect, it } from "vitest";
import { FactorCsvError, factorCsvParser, formatFactorCsv, formatInteractionCsv, parseFactorCsv } from "./factor-csv";

describe("interaction export", () => {
  it("writes user_id,movie_id,weight,timestamp lines with unix seconds, quoting only when needed", () => {
    const lines = [...formatInteractionCsv([
      { userId: "42", movieId: "296", weight: 0.8, timestamp: new Date("2024-01-02T03:04:05.900Z") },
      { userId: "a,b", movieId: 'say "hi"', weight: 1, timestamp: 1700000000 },
    ])];
    expect(lines).toEqual(["user_id,movie_id,weight,timestamp", "42,296,0.8,1704164645", '"a,b","say ""hi""",1,1700000000']);
  });
});

describe("factor files", () => {
  it("reads Spark MLlib's id,features layout, quoted or not, with or without a header", () => {
    const table = parseFactorCsv('id,features\n1,"[0.5,-1.25,3.0E-2]"\n7,[1,2,3]\n');
    expect(table.ids).toEqual(["1", "7"]);
    expect(table.factors).toBe(3);
    expect(Array.from(table.values)).toEqual([0.5, -1.25, Math.fround(0.03), 1, 2, 3]);
  });

  it("reads plain id,f0,f1,… rows and any string id", () => {
    const table = parseFactorCsv("9b2c-uuid,0.1,0.2\r\n296,1e-3,-4\r\n");
    expect(table.ids).toEqual(["9b2c-uuid", "296"]);
    expect(Array.from(table.values)).toEqual([0.1, 0.2, 0.001, -4].map(Math.fround));
  });

  it("reads back exactly what it formats", () => {
    const table = { ids: ["1", "x,y"], factors: 2, values: Float32Array.from([0.1, -2.5, 1 / 3, 7e-8]) };
    expect(parseFactorCsv([...formatFactorCsv(table)].join("\n"))).toEqual(table);
  });

  it("names the line and field of a value that is not a number", () => {
    expect(() => parseFactorCsv("1,0.1,0.2\n2,0.3,abc\n", "item-factors.csv")).toThrow("item-factors.csv:2: field 3 (factor 2) \"abc\" is not a finite number");
    expect(() => parseFactorCsv('1,"[0.1,NaN]"\n', "u.csv")).toThrow("u.csv:1: factor 2 of field 2 (features) \"NaN\" is not a finite number");
  });

  it("insists that every row has the same number of factors", () => {
    const error = (() => {
      try {
        parseFactorCsv("id,f0,f1\n1,0.1,0.2\n\n2,0.3\n", "f.csv");
      } catch (e) {
        return e as FactorCsvError;
      }
    })();
    expect(error).toBeInstanceOf(FactorCsvError);
    expect(error!.message).toBe("f.csv:4: 1 factors, but line 2 has 2");
    expect(error!.status).toBe(400);
  });

  it("rejects repeated ids, rows without factors and files without rows", () => {
    expect(() => parseFactorCsv("1,0.1\n1,0.2\n")).toThrow('factors.csv:2: id "1" already appears on line 1');
    expect(() => parseFactorCsv("1,\"[]\"\n")).toThrow("no factors after the id");
    expect(() => parseFactorCsv("just-an-id\n")).toThrow("expected an id followed by factors");
    expect(() => parseFactorCsv("id,features\n")).toThrow("factors.csv: no factor rows");
  });

  it("accepts a file line by line", () => {
    const parser = factorCsvParser("big.csv");
    parser.push("\uFEFFid,f0", 1);
    parser.push("a,1.5", 2);
    expect(parser.finish()).toEqual({ ids: ["a"], factors: 1, values: Float32Array.from([1.5]) });
  });
});
