import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createMovieSchema } from "@/lib/catalog/contract";
import { buildOpenApiDocument, errorStatusesOf } from "./document";
import { isReference, type JsonSchema } from "./openapi-types";
import { operations } from "./operations";

const doc = buildOpenApiDocument();
const allOperations = Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));

function refsIn(value: unknown, at = "#"): { ref: string; at: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => refsIn(v, `${at}/${i}`));
  if (!value || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) => (k === "$ref" && typeof v === "string" ? [{ ref: v, at }] : refsIn(v, `${at}/${k}`)));
}

function resolvePointer(pointer: string): unknown {
  let node: unknown = doc;
  for (const part of pointer.replace(/^#\//, "").split("/")) node = (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  return node;
}

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with info, paths and components", () => {
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.info.title).toBe("Marquee API");
    expect(doc.info.version).toBeTruthy();
    expect(Object.keys(doc.paths).length).toBeGreaterThan(10);
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(["Movie", "Theater", "MoviePage", "Error", "CreateMovie"]));
    expect(Object.keys(doc.components.securitySchemes)).toEqual(["bearerToken", "sessionCookie"]);
  });

  it("resolves every $ref inside the document", () => {
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(20);
    const dangling = refs.filter(({ ref }) => !ref.startsWith("#/") || resolvePointer(ref) === undefined).map(({ ref, at }) => `${ref} at ${at}`);
    expect(dangling).toEqual([]);
  });

  it("leaves no zod-local $defs or $schema inside component schemas", () => {
    const text = JSON.stringify(doc);
    expect(text).not.toContain("#/$defs/");
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      expect(schema.$schema, name).toBeUndefined();
      expect(schema.$id, name).toBeUndefined();
    }
  });

  it("gives every operation a success response and a unique operationId", () => {
    const ids = allOperations.map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { path, method, op } of allOperations) {
      expect(Object.keys(op.responses).some((s) => /^2\d\d$/.test(s)), `${method.toUpperCase()} ${path} has no 2xx response`).toBe(true);
      expect(op.operationId).toMatch(/^[a-z][A-Za-z]+$/);
      expect(doc.tags.map((t) => t.name)).toContain(op.tags[0]);
    }
  });

  it("documents every {placeholder} of a path as a required path parameter", () => {
    for (const { path, method, op } of allOperations) {
      const placeholders = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const pathParams = (op.parameters ?? []).filter((p) => p.in === "path");
      expect(pathParams.map((p) => p.name), `${method} ${path}`).toEqual(placeholders);
      expect(pathParams.every((p) => p.required)).toBe(true);
    }
  });

  it("asks for a token or a session exactly where the route checks the caller", () => {
    const movies = doc.paths["/api/v1/movies"]!;
    expect(movies.get!.security).toEqual([]);
    expect(movies.post!.security).toEqual([{ bearerToken: ["catalog:write"] }, { sessionCookie: [] }]);
    expect(movies.post!["x-access"]).toBe("catalog:write");
    expect(doc.paths["/api/v1/admin/users"]!.get!.security).toEqual([{ bearerToken: ["admin"] }, { sessionCookie: [] }]);
  });

  it("answers errors with the shared error responses, whose examples carry the status they document", () => {
    const post = doc.paths["/api/v1/movies"]!.post!;
    expect(Object.keys(post.responses)).toEqual(["201", "400", "401", "403", "409", "413", "415"]);
    expect(post.responses["409"]).toEqual({ $ref: "#/components/responses/Conflict" });
    const notFound = doc.components.responses.NotFound!;
    expect(notFound.content!["application/json"]!.schema).toEqual({ $ref: "#/components/schemas/Error" });
    expect(notFound.content!["application/json"]!.example).toEqual({ error: { code: "not_found:movie", message: "No movie with id '296'", fields: { id: "Not found" } } });
    // A validation example made by the real createMovieSchema names the fields.
    const badRequest = doc.components.responses.BadRequest!.content!["application/json"]!.example as { error: { fields: Record<string, string> } };
    expect(Object.keys(badRequest.error.fields)).toEqual(["title", "year"]);
  });

  it("uses every shared error response somewhere", () => {
    const used = new Set(allOperations.flatMap(({ op }) => Object.values(op.responses).filter(isReference).map((r) => r.$ref.split("/").pop())));
    expect([...used].sort()).toEqual(Object.keys(doc.components.responses).sort());
  });

  it("adds the usual errors from the entry: none for a public list without query, 404 for an id in the path", () => {
    const byId = (id: string) => operations.find((o) => o.operationId === id)!;
    expect(errorStatusesOf(byId("listGenres"))).toEqual([]);
    expect(errorStatusesOf(byId("getMovie"))).toEqual([400, 404]);
    expect(errorStatusesOf(byId("signUp"))).toEqual([400, 409, 413, 415, 429]);
  });

  it("gives request bodies and JSON responses an example", () => {
    for (const { path, method, op } of allOperations) {
      if (op.requestBody) expect(op.requestBody.content["application/json"]!.example, `${method} ${path} body`).toBeDefined();
      for (const [status, response] of Object.entries(op.responses)) {
        if (isReference(response) || !response.content) continue;
        expect(Object.values(response.content)[0]!.example, `${method} ${path} ${status}`).toBeDefined();
      }
    }
  });

  it("builds the same document every time", () => {
    expect(JSON.stringify(buildOpenApiDocument())).toBe(JSON.stringify(doc));
  });
});

describe("the request body of POST /api/v1/movies", () => {
  const media = doc.paths["/api/v1/movies"]!.post!.requestBody!.content["application/json"]!;
  const schema = doc.components.schemas[media.schema!.$ref!.split("/").pop()!] as JsonSchema;

  it("requires a title and refuses unknown fields, like createMovieSchema", () => {
    expect(media.schema).toEqual({ $ref: "#/components/schemas/CreateMovie" });
    expect(schema.required).toEqual(["title"]);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties!.title).toMatchObject({ type: "string", minLength: 1, maxLength: 300 });
    expect(schema.properties!.genres).toMatchObject({ type: "array", default: [] });
  });

  it("accepts and rejects the same bodies as createMovieSchema", () => {
    const fromDocument = z.fromJSONSchema(schema as z.core.JSONSchema.JSONSchema);
    const bodies = [
      { title: "Pulp Fiction" },
      { id: "296", title: "Pulp Fiction", year: 1994, genres: ["Crime"], releaseDate: "1994-10-14", imdbId: "tt0110912", tmdbId: null },
      {},
      { title: "" },
      { title: "Heat", rating: 5 },
      { title: "Heat", year: 1800 },
      { title: "Heat", imdbId: "nm0000123" },
      { title: "Heat", releaseDate: "1995-02-30" },
      { title: "Heat", id: "-leading-dash" },
      { title: "Heat", genres: Array.from({ length: 21 }, (_, i) => `g${i}`) },
    ];
    const verdicts = bodies.map((body) => ({ body, route: createMovieSchema.safeParse(body).success, document: fromDocument.safeParse(body).success }));
    expect(verdicts.filter((v) => v.route !== v.document)).toEqual([]);
    expect(verdicts.map((v) => v.route)).toEqual([true, true, false, false, false, false, false, false, false, false]);
  });
});
