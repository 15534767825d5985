import { getDatabase } from "@/db";
import { checkDatabase } from "@/lib/health/health";

export const dynamic = "force-dynamic";

/** 503 until the database is reachable and every migration is applied. */
export async function GET() {
  const handle = await getDatabase().catch(() => null);
  const database = handle ? await checkDatabase(handle) : { status: "down" as const, latencyMs: null, detail: "database not reachable" };
  const ready = database.status === "ok";
  return Response.json({ status: ready ? "ready" : "not_ready", database }, { status: ready ? 200 : 503 });
}
