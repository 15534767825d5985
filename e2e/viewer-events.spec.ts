import { expect, test, type Page } from "@playwright/test";

/**
 * A viewer's activity, end to end: the movie page sends watch, rating and favorite events, the
 * search form a search event, and the event worker running inside the app turns them into the
 * features /me shows — within seconds, without a reload.
 */

async function signUp(page: Page, name: string) {
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${Date.now()}@example.com`;
  await page.goto("/signup");
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("popcorn-2026");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText(name).first()).toBeVisible();
}

/** Waits for the event API to accept an event of this type. */
function eventAccepted(page: Page, type: string) {
  return page.waitForResponse((r) => r.url().endsWith(`/api/v1/events/${type}`) && r.request().method() === "POST" && r.status() === 202);
}

test("a viewer watches, rates, favorites and searches, and sees it on their activity page", async ({ page }) => {
  await signUp(page, "Wanda Watcher");

  // Open the first movie of the catalog.
  await page.goto("/");
  const card = page.getByRole("region", { name: "All movies" }).getByRole("listitem").first().getByRole("link");
  const title = (await card.locator("p").first().textContent())!.trim();
  await card.click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  // Watch a little, then skip to the end: one watch event at 100 %.
  const player = page.getByRole("progressbar", { name: "Playback position" });
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await expect(page.getByRole("button", { name: "Pause", exact: true })).toBeVisible();
  await expect.poll(async () => Number(await player.getAttribute("aria-valuenow"))).toBeGreaterThan(0);
  const watched = eventAccepted(page, "watch");
  await page.getByRole("button", { name: "Skip to end" }).click();
  const watch = (await watched).request().postDataJSON();
  expect(watch.metadata).toMatchObject({ progressPercent: 100, sessionId: expect.any(String) });
  expect(watch.metadata.watchDuration).toBeGreaterThan(0);
  await expect(player).toHaveAttribute("aria-valuenow", "100");
  await expect(page.getByText(/Saved: .* watched, at 100 %/)).toBeVisible();

  // Rate 4 stars with the mouse, then half a star more with the keyboard.
  const rated = eventAccepted(page, "rating");
  await page.getByRole("radio", { name: "4 stars" }).check();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("radio", { name: "4.5 stars" })).toBeChecked();
  expect((await rated).request().postDataJSON().metadata).toEqual({ rating: 4.5 });
  await expect(page.getByText("Saved your rating: 4.5 stars.")).toBeVisible();

  // Favorite it.
  const favorited = eventAccepted(page, "favorite");
  await page.getByRole("button", { name: "Add to favorites" }).click();
  expect((await favorited).request().postDataJSON().metadata).toEqual({ action: "add" });
  await expect(page.getByRole("button", { name: "In your favorites" })).toHaveAttribute("aria-pressed", "true");

  // Search from the list: the results page sends the search with its count.
  const word = title.split(/\s+/).find((w) => /^[\p{L}\p{N}]{3,}$/u.test(w)) ?? title;
  await page.goto("/");
  const searched = eventAccepted(page, "search");
  await page.getByRole("searchbox", { name: "Search titles" }).fill(word);
  await page.getByRole("button", { name: "Search" }).click();
  const search = (await searched).request().postDataJSON();
  expect(search.metadata).toMatchObject({ query: word, resultsCount: expect.any(Number) });
  expect(search.metadata.resultsCount).toBeGreaterThan(0);
  // Paging or reloading the results is not another search.
  let resent = false;
  page.on("request", (r) => (resent ||= r.url().endsWith("/api/v1/events/search")));
  await page.reload();
  await expect(page.getByRole("searchbox", { name: "Search titles" })).toHaveValue(word);

  // The worker in the app has processed it all: /me shows the watch, the rating and the favorite.
  await page.getByRole("link", { name: "Your activity" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your activity" })).toBeVisible();
  const section = (name: string) => page.getByRole("region", { name });
  await expect(section("Recently watched").getByRole("link", { name: title })).toBeVisible({ timeout: 15_000 });
  await expect(section("Recently watched")).toContainText("100 %");
  await expect(section("Your ratings").getByRole("listitem").filter({ hasText: title })).toContainText("4.5 ★");
  await expect(section("Favorites").getByRole("link", { name: title })).toBeVisible();
  await expect(section("Searches")).toContainText(word.toLowerCase());
  expect(resent).toBe(false);

  // Back on the movie page, the rating and the favorite are read back from the server.
  await section("Favorites").getByRole("link", { name: title }).click();
  await expect(page.getByRole("radio", { name: "4.5 stars" })).toBeChecked();
  await expect(page.getByRole("button", { name: "In your favorites" })).toHaveAttribute("aria-pressed", "true");
});

test("a visitor who is not signed in is asked to sign in and sends no events", async ({ page }) => {
  const sent: string[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/api/v1/events/")) sent.push(r.url());
  });
  await page.goto("/");
  await page.getByRole("searchbox", { name: "Search titles" }).fill("the");
  await page.getByRole("button", { name: "Search" }).click();
  await page.getByRole("main").getByRole("listitem").first().getByRole("link").click();
  await expect(page.getByText("Sign in to watch, rate and favorite this movie")).toBeVisible();
  await expect(page.getByRole("radio")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Add to favorites" })).toHaveCount(0);
  await page.getByRole("main").getByRole("link", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fmovies%2F/);
  expect(sent).toEqual([]);
});
