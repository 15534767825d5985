import { describe, expect, it } from "vitest";
import { GET } from "./route";

describe("GET /api/v1/openapi.json", () => {
  it("answers the OpenAPI 3.1 document as public, cacheable JSON", async () => {
    const response = GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("cache-control")).toContain("public");
    const doc = (await response.json()) as { openapi: string; paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } };
    expect(doc.openapi).toMatch(/^3\.1\.\d+$/);
    expect(doc.paths["/api/v1/movies/{id}"]).toBeDefined();
    expect(doc.components.schemas.Movie).toBeDefined();
  });

  it("answers a request the way Next.js passes it", async () => {
    const handler: (request: Request) => Response = GET;
    const response = handler(new Request("http://localhost/api/v1/openapi.json"));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { info: { title: string } }).info.title).toBe("Marquee API");
  });
});
