import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "./document";
import { apiReference, constraintsOf, pretty, typeOf, type ReferenceOperation } from "./reference";

const doc = buildOpenApiDocument();
const reference = apiReference(doc, "https://marquee.example");
const operation = (id: string): ReferenceOperation => reference.groups.flatMap((g) => g.operations).find((op) => op.id === id)!;

describe("the API reference view", () => {
  it("groups operations under their tags in the registry's order", () => {
    // Every tag of the registry that has operations, in the registry's order.
    expect(reference.groups.map((g) => g.tag)).toEqual(doc.tags.map((t) => t.name).filter((name) => reference.groups.some((g) => g.tag === name)));
    expect(reference.groups.map((g) => g.tag).slice(0, 3)).toEqual(["Movies", "Theaters", "Showtimes"]);
    expect(reference.groups[0]!.operations.map((op) => `${op.method} ${op.path}`)).toEqual([
      "GET /api/v1/movies",
      "POST /api/v1/movies",
      "GET /api/v1/movies/{id}",
      "PATCH /api/v1/movies/{id}",
      "DELETE /api/v1/movies/{id}",
      "GET /api/v1/genres",
    ]);
  });

  it("shows a request body as a field table with required fields and their rules", () => {
    const fields = operation("createMovie").body!.fields;
    const title = fields.find((f) => f.name === "title")!;
    expect(title).toMatchObject({ type: "string", required: true, constraints: ["1–300 characters"] });
    expect(fields.find((f) => f.name === "year")).toMatchObject({ type: "integer | null", required: false, constraints: ["1870–" + (new Date().getUTCFullYear() + 10)] });
    expect(fields.find((f) => f.name === "releaseDate")!.constraints).toEqual(["format: date"]);
    expect(fields.find((f) => f.name === "genres")!.constraints).toEqual(["at most 20 items", "each: 1–40 characters", "default: []"]);
  });

  it("links a named nested schema and flattens anonymous nested objects", () => {
    expect(operation("createTheater").body!.fields.find((f) => f.name === "seatMap")).toMatchObject({ type: "SeatMap", typeRefs: ["SeatMap"], required: true });
    const seatMap = reference.schemas.find((s) => s.name === "SeatMap")!.fields.map((f) => f.name);
    expect(seatMap).toEqual(["blocks", "blocks[].name", "blocks[].rows", "blocks[].rows[].label", "blocks[].rows[].positions", "blocks[].rows[].gaps"]);
  });

  it("says who may call an operation open to viewers for themselves and to tokens with a scope", () => {
    const watch = operation("sendWatchEvent");
    expect(watch.access).toMatchObject({ level: "signed-in", detail: expect.stringContaining("for themselves") });
    expect(watch.tokenScopes).toEqual(["events:write"]);
    expect(doc.paths["/api/v1/features/{userId}"]!.get!.security).toEqual([{ bearerToken: ["recs:read"] }, { sessionCookie: [] }]);
    expect(doc.paths["/api/v1/features/{userId}/refresh"]!.post!.security).toEqual([{ bearerToken: ["admin"] }, { sessionCookie: [] }]);
  });

  it("links every named schema in a union type", () => {
    const events = reference.schemas.find((s) => s.name === "EventBatch")!.fields.find((f) => f.name === "events")!;
    expect(events.typeRefs).toEqual(["WatchEventInBatch", "SearchEventInBatch", "RatingEventInBatch", "FavoriteEventInBatch"]);
  });

  it("says who may call each operation", () => {
    expect(operation("listMovies").access.label).toBe("Public");
    expect(operation("createMovie").access).toMatchObject({ level: "catalog:write", detail: expect.stringContaining("catalog:write scope") });
    expect(operation("listUsers").access.label).toBe("Admin");
  });

  it("lists query parameters with their defaults and enums", () => {
    const sort = operation("listMovies").parameters.find((p) => p.name === "sort")!;
    expect(sort.location).toBe("query");
    expect(sort.constraints).toEqual(["one of: title, -title, year, -year, release, -release, -created", 'default: "title"']);
    expect(operation("getMovie").parameters).toMatchObject([{ name: "id", location: "path", required: true }]);
  });

  it("writes curl examples that send the token only where one is needed", () => {
    expect(operation("getMovie").curl).toBe("curl 'https://marquee.example/api/v1/movies/296'");
    expect(operation("listMovies").curl).toBe("curl 'https://marquee.example/api/v1/movies?q=pulp&sort=-year&limit=10'");
    const create = operation("createMovie").curl;
    expect(create).toContain("curl -X POST 'https://marquee.example/api/v1/movies'");
    expect(create).toContain('-H "Authorization: Bearer $MARQUEE_TOKEN"');
    expect(create).toContain("-H 'Content-Type: application/json'");
    expect(create).toContain('"title": "Pulp Fiction"');
    expect(operation("deleteTheater").curl).toContain("curl -X DELETE 'https://marquee.example/api/v1/theaters/odeon-berlin-1'");
  });

  it("sends documented request headers as headers and keeps event streams unbuffered", () => {
    const batch = operation("createShowtimeBatch").curl;
    expect(batch).toContain("curl -X POST 'https://marquee.example/api/v1/showtime-creation/showtimes' \\");
    expect(batch).toContain("-H 'Idempotency-Key: wizard-2031-01-05-pulp'");
    expect(operation("streamShowtimeBatchEvents").curl).toMatch(/^curl -N 'https:\/\/marquee.example\/api\/v1\/showtime-creation\/batches\/[0-9a-f-]+\/events'/);
  });

  it("marks error responses and keeps examples for the successful ones", () => {
    const responses = operation("getMovie").responses;
    expect(responses.map((r) => [r.status, r.isError])).toEqual([["200", false], ["400", true], ["404", true]]);
    expect(JSON.parse(responses[0]!.example!)).toMatchObject({ id: "296", title: "Pulp Fiction" });
    expect(operation("getHealth").responses.find((r) => r.status === "503")).toMatchObject({ schemaName: "Health", isError: false });
  });

  it("lists the error statuses with real examples, and one table of who may call every operation", () => {
    expect(reference.errors.map((e) => e.status)).toEqual(["400", "401", "403", "404", "409", "413", "415", "422", "429", "503"]);
    expect(reference.access.scopes).toEqual(["events:write", "recs:read", "feedback:write", "catalog:write", "admin"]);
    const row = (id: string) => reference.access.rows.find((r) => r.id === id)!.access;
    expect(reference.access.rows).toHaveLength(reference.groups.flatMap((g) => g.operations).length);
    expect(row("createMovie")).toEqual({ anyone: "no", viewer: "no", scopes: { "events:write": "no", "recs:read": "no", "feedback:write": "no", "catalog:write": "yes", admin: "yes" }, admin: "yes" });
    expect(row("getUserFeatures")).toMatchObject({ viewer: "own", scopes: { "recs:read": "yes", "events:write": "no" } });
    expect(row("refreshUserFeatures")).toMatchObject({ viewer: "own", scopes: { "recs:read": "no", "events:write": "no", admin: "yes" } });
    expect(row("sendFeedback").scopes["feedback:write"]).toBe("yes");
    expect(row("sendRating").scopes).toMatchObject({ "feedback:write": "yes", "events:write": "no" });
    expect(row("listMovies")).toMatchObject({ anyone: "yes", viewer: "yes" });
    expect(reference.pagination).toEqual({ limitDefault: 25, limitMax: 200, offsetMax: 1_000_000 });
  });
});

describe("type labels and rules", () => {
  it("reads nullable, array, map and constant types", () => {
    expect(typeOf({ anyOf: [{ type: "string" }, { type: "null" }] }).label).toBe("string | null");
    expect(typeOf({ type: "array", items: { $ref: "#/components/schemas/Movie" } })).toEqual({ label: "Movie[]", refs: ["Movie"] });
    expect(typeOf({ type: "object", propertyNames: { type: "string" }, additionalProperties: { type: "string" } }).label).toBe("map of string");
    expect(typeOf({ type: "string", const: "ok" }).label).toBe('"ok"');
  });

  it("leaves out the safe-integer bounds zod adds to every integer", () => {
    expect(constraintsOf({ type: "integer", minimum: 1, maximum: Number.MAX_SAFE_INTEGER })).toEqual(["≥ 1"]);
    expect(constraintsOf({ type: "integer", exclusiveMinimum: 0, maximum: Number.MAX_SAFE_INTEGER })).toEqual(["> 0"]);
  });
});

describe("example JSON", () => {
  it("keeps arrays of plain values on one line and nests objects", () => {
    expect(pretty({ genres: ["Crime", "Drama"], gaps: [], rows: [{ gaps: [6, 7] }] })).toBe(
      '{\n  "genres": ["Crime", "Drama"],\n  "gaps": [],\n  "rows": [\n    {\n      "gaps": [6, 7]\n    }\n  ]\n}',
    );
    expect(JSON.parse(pretty({ text: "a, b\nc [x]" })!)).toEqual({ text: "a, b\nc [x]" });
  });
});

describe("numbers in rules", () => {
  it("groups large numbers but leaves years and small counts alone", () => {
    expect(constraintsOf({ type: "integer", minimum: 0, maximum: 1_000_000 })).toEqual(["0–1,000,000"]);
    expect(constraintsOf({ type: "integer", minimum: 1870, maximum: 2036 })).toEqual(["1870–2036"]);
    expect(constraintsOf({ type: "string", maxLength: 5000 })).toEqual(["at most 5,000 characters"]);
  });
});
