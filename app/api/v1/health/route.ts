import { healthReport } from "@/lib/health/health-report";

export const dynamic = "force-dynamic";

/** Per-component health, each job queue's counts and the event backlog. Public: it holds no secrets. */
export async function GET() {
  const report = await healthReport();
  return Response.json(report, { status: report.status === "down" ? 503 : 200 });
}
