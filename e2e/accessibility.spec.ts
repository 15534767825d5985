import { expect, test, type Locator, type Page } from "@playwright/test";
import { signInAsAdmin, fromOurPages } from "./support/auth";
import { expectNoSeriousA11yViolations } from "./support/axe";

/**
 * Every page passes axe-core's WCAG 2.1 A/AA rules with no serious or critical violation, as each
 * kind of visitor sees it once its data has loaded, and in the states people meet on the way: an
 * empty search, a form showing its errors, a dialog, each step of the showtime wizard.
 */

/** The page has finished loading: `ready` is shown, no list is still loading or dimmed while it refetches. */
async function whenLoaded(page: Page, ready: Locator) {
  await expect(ready).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: /^Loading/ })).toHaveCount(0);
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

const heading = (page: Page, name: string | RegExp) => page.getByRole("heading", { level: 1, name });

/** Any movie's page, through the list a visitor sees. */
async function firstMoviePath(page: Page): Promise<string> {
  await page.goto("/");
  const href = await page.getByRole("main").getByRole("listitem").first().getByRole("link").getAttribute("href");
  return href!;
}

test.describe("a visitor who is not signed in", () => {
  test("the movie list", async ({ page }) => {
    await page.goto("/");
    await whenLoaded(page, page.getByRole("main").getByRole("listitem").first());
    await expectNoSeriousA11yViolations(page);
  });

  test("a search that finds nothing", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("searchbox", { name: "Search titles" }).fill("zzqx no such film");
    await page.getByRole("button", { name: "Search" }).click();
    await whenLoaded(page, page.getByText("No movies match"));
    await expectNoSeriousA11yViolations(page, { context: "empty search result" });
  });

  test("a movie's page", async ({ page }) => {
    await page.goto(await firstMoviePath(page));
    await whenLoaded(page, page.getByText("Sign in to watch, rate and favorite this movie"));
    await expectNoSeriousA11yViolations(page);
  });

  test("the theaters", async ({ page }) => {
    await page.goto("/theaters");
    await whenLoaded(page, page.getByRole("main").getByRole("listitem").first());
    await expectNoSeriousA11yViolations(page);
  });

  test("the trend dashboard", async ({ page }) => {
    await page.goto("/trends");
    await whenLoaded(page, heading(page, "Trends"));
    await expectNoSeriousA11yViolations(page);
  });

  test("the API reference", async ({ page }) => {
    // Some 14,000 elements: axe alone takes 20–30 s on a 2-core machine.
    test.slow();
    await page.goto("/docs/api");
    await whenLoaded(page, page.getByRole("heading", { level: 1 }));
    await expectNoSeriousA11yViolations(page);
  });

  test("sign in, and a refused password", async ({ page }) => {
    await page.goto("/signin");
    await whenLoaded(page, heading(page, "Sign in"));
    await expectNoSeriousA11yViolations(page);

    await page.getByLabel("Email").fill("nobody@example.com");
    await page.getByLabel("Password").fill("wrong-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "do not match" })).toBeVisible();
    await expectNoSeriousA11yViolations(page, { context: "wrong password shown" });
  });

  test("sign up, and its field errors", async ({ page }) => {
    await page.goto("/signup");
    await whenLoaded(page, heading(page, "Create your account"));
    await expectNoSeriousA11yViolations(page);

    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
    await expectNoSeriousA11yViolations(page, { context: "field errors shown" });
  });

  test("a page that does not exist", async ({ page }) => {
    const response = await page.goto("/no-such-page");
    expect(response?.status()).toBe(404);
    await whenLoaded(page, page.getByText("Page not found"));
    await expectNoSeriousA11yViolations(page);
  });

  test("a movie that does not exist", async ({ page }) => {
    await page.goto("/movies/no-such-movie");
    await whenLoaded(page, page.getByText("Page not found"));
    await expectNoSeriousA11yViolations(page);
  });
});

test.describe("a signed-in viewer", () => {
  test.beforeEach(async ({ page }) => {
    await page.goto("/signup");
    await page.getByLabel("Your name").fill("Ada Access");
    await page.getByLabel("Email").fill(`a11y-viewer-${Date.now()}@example.com`);
    await page.getByLabel("Password").fill("popcorn-2026");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByText("Ada Access").first()).toBeVisible();
  });

  test("the movie list", async ({ page }) => {
    await page.goto("/");
    await whenLoaded(page, page.getByRole("main").getByRole("listitem").first());
    await expectNoSeriousA11yViolations(page);
  });

  test("a movie's page with the player, the rating and the favorite", async ({ page }) => {
    await page.goto(await firstMoviePath(page));
    await whenLoaded(page, page.getByRole("button", { name: "Play", exact: true }));
    await expectNoSeriousA11yViolations(page);

    await page.getByRole("radio", { name: "4 stars" }).check();
    await expect(page.getByText("Saved your rating: 4 stars.")).toBeVisible();
    await page.getByRole("button", { name: "Add to favorites" }).click();
    await expect(page.getByRole("button", { name: "In your favorites" })).toBeVisible();
    await expectNoSeriousA11yViolations(page, { context: "rated and favorited" });
  });

  test("their activity, empty and then with a rating and a favorite", async ({ page }) => {
    await page.goto("/me");
    await whenLoaded(page, heading(page, "Your activity"));
    await expectNoSeriousA11yViolations(page, { context: "nothing yet" });

    await page.goto(await firstMoviePath(page));
    await page.getByRole("radio", { name: "4 stars" }).check();
    await expect(page.getByText("Saved your rating: 4 stars.")).toBeVisible();
    await page.getByRole("button", { name: "Add to favorites" }).click();
    await expect(page.getByRole("button", { name: "In your favorites" })).toBeVisible();
    await page.goto("/me");
    // The event worker takes a few seconds; the page catches up by itself.
    const favorite = page.getByRole("region", { name: "Favorites" }).getByRole("link").first();
    await expect(favorite).toBeVisible({ timeout: 15_000 });
    await whenLoaded(page, favorite);
    await expectNoSeriousA11yViolations(page, { context: "with activity" });
  });

  test("the trend dashboard", async ({ page }) => {
    await page.goto("/trends");
    await whenLoaded(page, heading(page, "Trends"));
    await expectNoSeriousA11yViolations(page);
  });
});

test.describe("an admin", () => {
  test.beforeEach(async ({ page }) => {
    await signInAsAdmin(page);
  });

  test("the overview, with the background work", async ({ page }) => {
    await page.goto("/admin");
    await whenLoaded(page, heading(page, "Overview"));
    // Each job queue's counts, as /api/v1/health reports them.
    const queues = page.getByRole("table", { name: "Job queues" });
    await expect(queues.getByRole("row", { name: /events\.process/ })).toBeVisible();
    await expect(queues.getByRole("columnheader", { name: "Dead letters" })).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });

  test("the movies, and a search that finds none", async ({ page }) => {
    await page.goto("/admin/movies");
    await whenLoaded(page, page.getByRole("row").nth(1));
    await expectNoSeriousA11yViolations(page);

    await page.getByRole("searchbox").fill("zzqx no such film");
    await whenLoaded(page, page.getByText("No movies match"));
    await expectNoSeriousA11yViolations(page, { context: "empty search result" });
  });

  test("a new movie, and its field errors", async ({ page }) => {
    await page.goto("/admin/movies/new");
    await whenLoaded(page, page.getByLabel("Drama", { exact: true }));
    await expectNoSeriousA11yViolations(page);

    await page.getByRole("button", { name: "Create movie" }).click();
    await expect(page.getByLabel("Title")).toHaveAttribute("aria-invalid", "true");
    await expectNoSeriousA11yViolations(page, { context: "field errors shown" });
  });

  test("a movie's edit page", async ({ page }) => {
    await page.goto("/admin/movies");
    await page.getByRole("row").nth(1).getByRole("link").first().click();
    await expect(page).toHaveURL(/\/admin\/movies\/[^/]+$/);
    await whenLoaded(page, page.getByRole("button", { name: "Save changes" }));
    await expectNoSeriousA11yViolations(page);
  });

  test("the theaters", async ({ page }) => {
    await page.goto("/admin/theaters");
    await whenLoaded(page, page.getByRole("row").nth(1));
    await expectNoSeriousA11yViolations(page);
  });

  test("a new theater, and its field errors", async ({ page }) => {
    await page.goto("/admin/theaters/new");
    await whenLoaded(page, page.getByRole("button", { name: "Row A, position 1: seat 1" }));
    await expectNoSeriousA11yViolations(page);

    await page.getByRole("button", { name: "Create theater" }).click();
    await expect(page.getByLabel("Name", { exact: true })).toHaveAttribute("aria-invalid", "true");
    await expectNoSeriousA11yViolations(page, { context: "field errors shown" });
  });

  test("a theater's edit page with its seat map", async ({ page }) => {
    await page.goto("/admin/theaters");
    await page.getByRole("row").nth(1).getByRole("link").first().click();
    await expect(page).toHaveURL(/\/admin\/theaters\/[^/]+$/);
    await whenLoaded(page, page.getByRole("button", { name: /^Row A, position 1: / }));
    await expectNoSeriousA11yViolations(page);
  });

  test("each step of the showtime wizard", async ({ page }) => {
    await page.goto("/admin/showtimes/new");
    await whenLoaded(page, page.getByRole("radio").first());
    await expectNoSeriousA11yViolations(page, { context: "step 1, movies" });

    await page.getByRole("radio").first().check();
    await page.getByRole("button", { name: "Next: theaters" }).click();
    await whenLoaded(page, page.getByRole("checkbox").first());
    await page.getByRole("checkbox").first().check();
    await expectNoSeriousA11yViolations(page, { context: "step 2, theaters" });

    await page.getByRole("button", { name: "Next: existing showtimes" }).click();
    await whenLoaded(page, page.getByRole("heading", { name: /Check existing showtimes/ }));
    await expectNoSeriousA11yViolations(page, { context: "step 3, existing showtimes" });

    await page.getByRole("button", { name: "Next: start times" }).click();
    await whenLoaded(page, page.getByLabel("First day"));
    const runtime = page.getByLabel("Runtime (minutes)");
    if (await runtime.count()) await runtime.fill("100");
    const day = new Date(Date.now() + 300 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel("First day").fill(day);
    await page.getByLabel("Last day").fill(day);
    await expect(page.getByTestId("plan-summary")).toContainText("1 new showtime");
    await expectNoSeriousA11yViolations(page, { context: "step 4, start times" });

    await page.getByRole("button", { name: "Review" }).click();
    await whenLoaded(page, page.getByTestId("review-total"));
    await expectNoSeriousA11yViolations(page, { context: "step 5, review" });
  });

  test("a batch's page and the batch history", async ({ page }) => {
    // The demo data has no batches: schedule one show a year ahead, away from the Berlin slots the wizard spec uses.
    const movies = await (await page.request.get("/api/v1/showtime-creation/movies?limit=1")).json();
    const theaters = await (await page.request.get("/api/v1/showtime-creation/theaters?limit=100")).json();
    const theater = theaters.items.find((t: { city: string }) => t.city !== "Berlin");
    const start = new Date(Date.now() + 365 * 86_400_000);
    start.setUTCHours(9, 0, 0, 0);
    const batch = { movieId: movies.items[0].id, theaterIds: [theater.id], durationInMinutes: 120, startTimes: [start.toISOString()] };
    const submit = async () => {
      const response = await page.request.post("/api/v1/showtime-creation/showtimes", { data: batch, headers: fromOurPages });
      expect(response.status()).toBe(202);
      return ((await response.json()) as { transactionId: string }).transactionId;
    };

    await page.goto(`/admin/showtimes/batches/${await submit()}`);
    await whenLoaded(page, page.getByTestId("batch-progress-label"));
    await expect(page.getByTestId("batch-progress-label")).toContainText("Done", { timeout: 30_000 });
    await expectNoSeriousA11yViolations(page, { context: "succeeded" });

    // The same slot again is refused: the page lists the showtime in the way.
    await page.goto(`/admin/showtimes/batches/${await submit()}`);
    await whenLoaded(page, page.getByRole("heading", { name: "1 existing showtime in the way" }));
    await expectNoSeriousA11yViolations(page, { context: "failed on a conflict" });

    await page.goto("/admin/showtimes/batches");
    await whenLoaded(page, page.getByTestId("batch-row").first());
    await expectNoSeriousA11yViolations(page);
  });

  test("the users, and the dialog that changes a role", async ({ page }) => {
    await page.goto("/admin/users");
    await whenLoaded(page, page.getByRole("row").nth(1));
    await expectNoSeriousA11yViolations(page);

    await page.getByRole("row").filter({ hasText: "(you)" }).getByRole("button", { name: /Make viewer/ }).click();
    await expect(page.getByRole("dialog")).toBeVisible();
    await expectNoSeriousA11yViolations(page, { context: "confirm dialog open" });
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
  });

  test("the API tokens, and a form with an error", async ({ page }) => {
    await page.goto("/admin/tokens");
    await whenLoaded(page, page.getByRole("heading", { name: "New token" }));
    await expectNoSeriousA11yViolations(page);

    await page.getByRole("button", { name: "Create token" }).click();
    await expect(page.getByText("Choose at least one scope")).toBeVisible();
    await expectNoSeriousA11yViolations(page, { context: "field errors shown" });
  });

  test("the dead letters", async ({ page }) => {
    await page.goto("/admin/dead-letters");
    await whenLoaded(page, heading(page, "Dead letters"));
    await expectNoSeriousA11yViolations(page);
  });

  test("the recommendation models, and the training form with an error", async ({ page }) => {
    await page.goto("/admin/models");
    await whenLoaded(page, page.getByRole("table", { name: "Model versions, newest first" }).or(page.getByText("No models yet")));
    await expectNoSeriousA11yViolations(page);

    await page.getByLabel("Hyperparameters (optional)").fill("not json");
    await page.getByRole("button", { name: "Train", exact: true }).click();
    await expect(page.getByLabel("Hyperparameters (optional)")).toHaveAttribute("aria-invalid", "true");
    await expectNoSeriousA11yViolations(page, { context: "field error shown" });
  });

  test("the trend dashboard with its controls and a movie on it", async ({ page }) => {
    const movieId = decodeURIComponent((await firstMoviePath(page)).split("/").pop()!);
    expect((await page.request.post("/api/v1/trends/movies/view", { data: { movieId }, headers: fromOurPages })).status()).toBe(202);
    await page.goto("/trends");
    await whenLoaded(page, page.getByRole("button", { name: /^Add view to / }).first());
    await expectNoSeriousA11yViolations(page);
  });
});
