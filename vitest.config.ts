import path from "node:path";
import { defineConfig } from "vitest/config";

// The suite runs on embedded PGlite, and again on a real Postgres server when TEST_DATABASE_URL
// is set (each run creates its own databases there and drops them).
const shared = {
  include: ["**/*.test.ts"],
  exclude: ["node_modules/**", "e2e/**", ".next/**", ".data/**"],
  testTimeout: 60_000,
  hookTimeout: 120_000,
  // Workers on the test's own thread: tests that start the app's job queue stop or drive its
  // workers themselves (lib/jobs/worker-thread.postgres.test.ts covers the worker thread).
  env: { NODE_ENV: "test" as const, LOG_LEVEL: "silent", MARQUEE_DEMO_DATA: "off", MARQUEE_WARM_UP_MS: "0", MARQUEE_WORKERS: "inline" },
};

export default defineConfig({
  // Tests run server modules outside Next.js: "server-only" resolves as it does in a server bundle.
  resolve: { alias: { "@": path.resolve(import.meta.dirname), "server-only": path.resolve(import.meta.dirname, "node_modules/server-only/empty.js") } },
  test: {
    pool: "forks",
    globalSetup: ["./test/global-setup.ts"],
    projects: [
      // *.postgres.test.ts need a server (several connections, LISTEN/NOTIFY between clients).
      { extends: true as const, test: { ...shared, name: "pglite", exclude: [...shared.exclude, "**/*.postgres.test.ts"], env: { ...shared.env, MARQUEE_TEST_DB: "pglite" } } },
      ...(process.env.TEST_DATABASE_URL
        ? [{ extends: true as const, test: { ...shared, name: "postgres", env: { ...shared.env, MARQUEE_TEST_DB: "postgres" } } }]
        : []),
    ],
  },
});
