/** Runs once when a server process starts: open and migrate the database, start the job queue, stop them all on SIGTERM. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { getBoss } = await import("./lib/jobs/runtime");
  const { installWebShutdown } = await import("./lib/http/web-shutdown");
  installWebShutdown();
  await getBoss();
}
