import { defineConfig, devices } from "@playwright/test";

/**
 * Browser tests against a production build (`next build` first: `npm run test:e2e` does both).
 * The server starts on a fresh embedded database with a known admin, and demo data as on a
 * new user's first start.
 */
const PORT = Number(process.env.E2E_PORT ?? 3210);
export const E2E_ADMIN = { email: "admin@e2e.test", password: "e2e-admin-password" };
export const E2E_ORIGIN = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL: E2E_ORIGIN,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    },
  },
  projects: [
    { name: "desktop", use: { ...devices["Desktop Chrome"], channel: undefined }, testIgnore: /.*\.phone\.spec\.ts/ },
    { name: "phone", use: { ...devices["Pixel 7"], channel: undefined }, testMatch: /.*\.phone\.spec\.ts/ },
  ],
  webServer: {
    command: `rm -rf .data/e2e && npm run start -- -p ${PORT}`,
    url: `http://127.0.0.1:${PORT}/api/v1/health/ready`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PGLITE_DIR: ".data/e2e/pglite",
      ADMIN_EMAIL: E2E_ADMIN.email,
      ADMIN_PASSWORD: E2E_ADMIN.password,
      NEXTAUTH_URL: `http://127.0.0.1:${PORT}`,
      MARQUEE_DEMO_DATA: "auto",
      LOG_LEVEL: "warn",
      PORT: String(PORT),
      TMDB_BASE_URL: "http://127.0.0.1:3299",
      TMDB_API_KEY: "e2e-key",
    },
  },
});
