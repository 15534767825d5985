import { openApiDocument } from "@/lib/openapi/document";

/** The OpenAPI 3.1 document of this API. Public and the same for everyone, so caches may keep it. */
export function GET() {
  return Response.json(openApiDocument(), {
    headers: { "cache-control": "public, max-age=300", "access-control-allow-origin": "*" },
  });
}
