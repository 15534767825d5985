import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeField, named, schemaName } from "./schema-registry";

describe("the schema registry", () => {
  it("names a schema without changing it", () => {
    const schema = z.object({ a: z.string() }).strict();
    expect(named("RegistryTestThing", schema)).toBe(schema);
    expect(schemaName(schema)).toBe("RegistryTestThing");
    expect(schema.safeParse({ a: "x", b: 1 }).success).toBe(false);
  });

  it("refuses one name for two schemas and two names for one schema", () => {
    const first = named("RegistryTestTaken", z.string());
    expect(() => named("RegistryTestTaken", z.number())).toThrow(/Two different schemas/);
    expect(() => named("RegistryTestOther", first)).toThrow(/also being named/);
  });

  it("refuses a second, different description for a field shared by several schemas", () => {
    const shared = z.string();
    describeField(shared, "A block's name");
    expect(() => describeField(shared, "A row's label")).toThrow(/already described/);
    expect(describeField(shared, "A block's name")).toBe(shared);
  });
});
