import type { Metadata } from "next";
import { headers } from "next/headers";
import { ApiReferenceView } from "@/components/docs/api-reference";
import { OPENAPI_PATH, openApiDocument } from "@/lib/openapi/document";
import { apiReference } from "@/lib/openapi/reference";

export const metadata: Metadata = {
  title: "API reference",
  description: "Endpoints, authentication, errors and pagination of the Marquee JSON API",
};

/** The API reference, rendered on the server from the same OpenAPI document /api/v1/openapi.json serves. */
export default async function ApiReferencePage() {
  const origin = originOf(await headers());
  return <ApiReferenceView reference={apiReference(openApiDocument(), origin)} origin={origin} openApiPath={OPENAPI_PATH} />;
}

/** This instance's address as the caller sees it, so the curl examples can be pasted as they are. */
function originOf(h: Headers): string {
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto")?.split(",")[0]?.trim() ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}
