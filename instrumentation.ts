/**
 * Runs once when a server process starts: open and migrate the database, start the job queue, stop
 * them all on SIGTERM, and load the recommendation models in the background.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { getBoss } = await import("./lib/jobs/runtime");
  const { installWebShutdown } = await import("./lib/http/web-shutdown");
  installWebShutdown();
  await getBoss();
  const [{ getDatabase }, { preloadModels }] = await Promise.all([import("./db"), import("./lib/recs/model-store-service")]);
  void preloadModels(await getDatabase());
}
