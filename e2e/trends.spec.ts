import http from "node:http";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { signIn, signInAsAdmin, fromOurPages } from "./support/auth";

/**
 * The trend dashboard at /trends: an admin registers movies by TMDB id against a fake TMDB, adds
 * views and refreshes scores; a viewer's watches and ratings show up on the dashboard by themselves.
 * The server was started with TMDB_BASE_URL=http://127.0.0.1:3299 and TMDB_API_KEY=e2e-key
 * (playwright.config.ts), and the fake TMDB below answers there.
 */
test.describe.configure({ mode: "serial" });

const TMDB_PORT = 3299;
const MISSING_ID = 990404;
// Per TMDB id: the vote average the fake TMDB answers with; tests change it to see a refresh land.
const votes = new Map<number, number>([
  [990001, 8],
  [990002, 8],
]);
let tmdb: http.Server;

test.beforeAll(async () => {
  tmdb = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", `http://127.0.0.1:${TMDB_PORT}`);
    const id = Number(/^(?:\/3)?\/movie\/(\d+)$/.exec(url.pathname)?.[1]);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (url.searchParams.get("api_key") !== "e2e-key") return send(401, { status_code: 7, status_message: "Invalid API key" });
    const vote = votes.get(id);
    if (id === MISSING_ID || vote === undefined) return send(404, { status_code: 34, status_message: "The resource you requested could not be found." });
    send(200, { id, title: `E2E Feature ${id}`, vote_average: vote, release_date: "2021-06-01", runtime: 101, overview: "A film made for tests.", genres: [{ id: 18, name: "Drama" }] });
  });
  await new Promise<void>((resolve) => tmdb.listen(TMDB_PORT, "127.0.0.1", resolve));
});

test.afterAll(async () => {
  tmdb.closeAllConnections();
  await new Promise((resolve) => tmdb.close(resolve));
});

const rowOf = (page: Page, title: string): Locator => page.getByRole("row").filter({ has: page.getByRole("link", { name: title, exact: true }) });

test("an admin registers a movie by TMDB id, adds views and refreshes its score, and sees each land", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/trends");
  await expect(page.getByRole("heading", { name: "Trends" })).toBeVisible();

  // Register: the movie is created with a placeholder title, then the fetch job names and scores it.
  await page.getByLabel("TMDB id").fill("990001");
  await page.getByRole("button", { name: "Register", exact: true }).click();
  await expect(page.getByText("Added “TMDB movie 990001” (tmdb-990001)")).toBeVisible();
  const row = rowOf(page, "E2E Feature 990001");
  await expect(row).toBeVisible();
  await expect(row.getByText("TMDB", { exact: true }).filter({ visible: true })).toBeVisible();
  await expect(row.getByTestId("final-score")).toHaveText("5.6"); // 0.7 × 8, no views yet
  await expect(row.getByTestId("views")).toHaveText("0");

  // Add views: each one updates the final score at once (30% is views, full at 100).
  await row.getByRole("button", { name: "Add view to E2E Feature 990001" }).click();
  await expect(row.getByText("View added: 1 view, final score 5.6.")).toBeVisible();
  await row.getByRole("button", { name: "Add view to E2E Feature 990001" }).click();
  await expect(row.getByText("View added: 2 views, final score 5.7.")).toBeVisible();
  await expect(row.getByTestId("views")).toHaveText("2");
  await expect(row.getByTestId("final-score")).toHaveText("5.7");

  // Refresh: TMDB now says 9; the queued fetch brings it in.
  votes.set(990001, 9);
  await row.getByRole("button", { name: "Refresh score of E2E Feature 990001" }).click();
  await expect(row.getByText("Refresh queued")).toBeVisible();
  await expect(row.getByTestId("final-score")).toHaveText("6.4"); // 0.7 × 9 + 0.3 × 0.2

  // The same id again is refused, and says why.
  await page.getByLabel("TMDB id").fill("990001");
  await page.getByRole("button", { name: "Register", exact: true }).click();
  await expect(page.getByText("Already registered", { exact: true })).toBeVisible();
  await expect(page.getByLabel("TMDB id")).toHaveAttribute("aria-invalid", "true");
});

test("a TMDB id that TMDB does not know is kept, marked missing, with the reason shown", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/trends");
  await page.getByLabel("TMDB id").fill(String(MISSING_ID));
  await page.getByRole("button", { name: "Register", exact: true }).click();
  const row = rowOf(page, `TMDB movie ${MISSING_ID}`);
  await expect(row.getByText("Not found on TMDB").filter({ visible: true })).toBeVisible();
  await expect(row.getByText(`TMDB has no movie with id ${MISSING_ID}`).filter({ visible: true })).toBeVisible();
  await expect(row.getByTestId("final-score")).toHaveText("—");
  // Still in the catalog.
  await row.getByRole("link", { name: `TMDB movie ${MISSING_ID}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `TMDB movie ${MISSING_ID}` })).toBeVisible();
});

test("a viewer's watches and ratings show on the dashboard within seconds", async ({ page, browser }) => {
  // An admin registers the movie the viewer will watch.
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await signInAsAdmin(adminPage);
  expect((await adminPage.request.post("/api/v1/trends/movies/register", { data: { tmdbId: 990002 }, headers: fromOurPages })).status()).toBe(201);
  await adminContext.close();

  const email = `trend-viewer-${Date.now()}@example.com`;
  const signUp = await page.request.post("/api/v1/auth/signup", { data: { email, password: "popcorn-2026", displayName: "Trend Viewer" } });
  expect(signUp.status()).toBe(201);
  const viewerId = (await signUp.json()).id as string;
  await signIn(page, email, "popcorn-2026");

  await page.goto("/trends");
  // A viewer sees the dashboard but none of the admin controls.
  await expect(page.getByLabel("TMDB id")).toHaveCount(0);
  await page.getByRole("group", { name: "Sort by" }).getByRole("button", { name: "Trending now" }).click();
  await expect(page).toHaveURL(/sort=trending/);
  // The demo audience's last weeks fill the first page of "trending now"; a new movie is among the first by final score.
  await page.getByRole("group", { name: "Sort by" }).getByRole("button", { name: "Final score" }).click();
  await expect(page).not.toHaveURL(/sort=/);
  const row = rowOf(page, "E2E Feature 990002");
  await expect(row.getByTestId("final-score")).toHaveText("5.6");
  await expect(row.getByTestId("views")).toHaveText("0");
  await expect(row.getByRole("button")).toHaveCount(0);

  // The viewer's own events, sent with the page's session cookie as the movie page sends them.
  const watch = { userId: viewerId, movieId: "tmdb-990002", metadata: { watchDuration: 6060, progressPercent: 100, device: "web" } };
  for (let i = 0; i < 2; i++) expect((await page.request.post("/api/v1/events/watch", { data: watch, headers: fromOurPages })).status()).toBe(202);
  await expect(row.getByTestId("views")).toHaveText("2");
  await expect(row.getByTestId("final-score")).toHaveText("5.7");
  const trendingAfterWatches = Number(await row.getByTestId("trending-score").textContent());
  expect(trendingAfterWatches).toBeGreaterThan(3.9); // two watches, weight 2 each, barely decayed

  const rating = { userId: viewerId, movieId: "tmdb-990002", metadata: { rating: 4.5 } };
  expect((await page.request.post("/api/v1/events/rating", { data: rating, headers: fromOurPages })).status()).toBe(202);
  await expect.poll(async () => Number(await row.getByTestId("trending-score").textContent())).toBeGreaterThan(trendingAfterWatches + 1);
  await expect(row.getByTestId("views")).toHaveText("2");
});

test("the dashboard reads well on a desktop and on a phone", async ({ page }) => {
  await signInAsAdmin(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/trends");
  await expect(rowOf(page, "E2E Feature 990001")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Top 10 over the last 14 days" })).toBeVisible();
  await expect(page.locator(".recharts-line").first()).toBeVisible();
  await page.screenshot({ path: "/tmp/trends-desktop.png", fullPage: true });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  const row = rowOf(page, "E2E Feature 990001");
  await expect(row).toBeVisible();
  // The score columns give way to a summary under the title; nothing scrolls sideways.
  await expect(row.getByTestId("final-score")).toBeHidden();
  await expect(row.getByText("Final", { exact: true })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: "/tmp/trends-phone.png", fullPage: true });
});
