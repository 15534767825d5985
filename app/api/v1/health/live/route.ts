export const dynamic = "force-dynamic";

/** The process is up and answering; says nothing about its dependencies. */
export function GET() {
  return Response.json({ status: "ok" });
}
