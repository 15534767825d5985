import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { signInAsAdmin, fromOurPages } from "./support/auth";

/**
 * The admin's journey at /admin/showtimes/new: movie → theaters → existing showtimes → start
 * times → submit and watch the batch, then the same slot again, which the server refuses.
 */
test.describe.configure({ mode: "serial" });

interface Movie {
  id: string;
  title: string;
  runtimeMinutes: number | null;
}
interface Theater {
  id: string;
  name: string;
  seatCount: number;
}

// Chosen by the first test, reused by the second.
let movie: Movie;
let theaters: Theater[];
const firstDay = isoDate(4);
const lastDay = isoDate(6);
const DAYS = 3;
const TIMES = ["10:00", "17:00"];

function isoDate(daysAhead: number): string {
  return new Date(Date.now() + daysAhead * 86_400_000).toISOString().slice(0, 10);
}

/** A movie with a runtime whose title search finds only itself, so the list shows one option. */
async function pickMovie(request: APIRequestContext): Promise<Movie> {
  const page = await (await request.get("/api/v1/showtime-creation/movies?limit=40")).json();
  for (const candidate of page.items as Movie[]) {
    if (!candidate.runtimeMinutes || candidate.runtimeMinutes > 200) continue;
    const found = await (await request.get(`/api/v1/showtime-creation/movies?q=${encodeURIComponent(candidate.title)}&limit=5`)).json();
    if (found.total === 1) return candidate;
  }
  throw new Error("No movie with a unique title and a runtime in the demo data");
}

async function upcomingCount(request: APIRequestContext, theaterIds: string[]): Promise<number> {
  const response = await request.post("/api/v1/showtime-creation/showtimes/find", { data: { theaterIds }, headers: fromOurPages });
  expect(response.status()).toBe(200);
  return (await response.json()).items.length;
}

async function chooseMovieAndTheaters(page: Page, chosen: Theater[]) {
  await page.goto("/admin/showtimes/new");
  await expect(page.getByRole("heading", { name: /Pick a movie/ })).toBeVisible();
  await page.getByLabel("Search movies").fill(movie.title);
  await expect(page.getByRole("radio")).toHaveCount(1);
  await page.getByRole("radio", { name: movie.title }).check();
  await page.getByRole("button", { name: "Next: theaters" }).click();

  await expect(page.getByRole("heading", { name: /Pick theaters/ })).toBeVisible();
  await page.getByLabel("City", { exact: true }).selectOption("Berlin");
  for (const t of chosen) await page.getByRole("checkbox", { name: t.name }).check();
  await expect(page.getByText(`${chosen.length} theater${chosen.length === 1 ? "" : "s"} selected`)).toBeVisible();
  await page.getByRole("button", { name: "Next: existing showtimes" }).click();
  await expect(page.getByRole("heading", { name: /Check existing showtimes/ })).toBeVisible();
  for (const t of chosen) await expect(page.getByRole("heading", { name: t.name })).toBeVisible();
  await page.getByRole("button", { name: "Next: start times" }).click();
  await expect(page.getByRole("heading", { name: /Enter start times/ })).toBeVisible();
}

test("an admin schedules a movie in two theaters and watches the batch finish", async ({ page }) => {
  await signInAsAdmin(page);
  movie = await pickMovie(page.request);
  const berlin = await (await page.request.get("/api/v1/showtime-creation/theaters?city=Berlin&limit=10")).json();
  theaters = (berlin.items as Theater[]).slice(0, 2);
  expect(theaters).toHaveLength(2);
  const before = await upcomingCount(page.request, theaters.map((t) => t.id));
  const batchesBefore = (await (await page.request.get("/api/v1/showtime-creation/batches")).json()).total as number;

  await chooseMovieAndTheaters(page, theaters);
  await page.getByLabel("First day").fill(firstDay);
  await page.getByLabel("Last day").fill(lastDay);
  await page.getByLabel("Time 1", { exact: true }).fill(TIMES[0]!);
  await page.getByRole("button", { name: "+ Add time" }).click();
  await page.getByLabel("Time 2", { exact: true }).fill(TIMES[1]!);

  const expected = theaters.length * DAYS * TIMES.length;
  await expect(page.getByTestId("plan-summary")).toContainText(`${expected} new showtimes in 2 theaters`);
  // Each start's end is previewed: runtime + 15 minutes of pre-show.
  const end = new Date(Date.UTC(2000, 0, 1, 10, 0) + (movie.runtimeMinutes! + 15) * 60_000).toISOString().slice(11, 16);
  await expect(page.getByTestId("planned-start").first()).toContainText(end);
  await expect(page.locator('[data-testid="planned-start"][data-conflict="true"]')).toHaveCount(0);

  await page.getByRole("button", { name: "Review" }).click();
  await expect(page.getByTestId("review-total")).toHaveText(String(expected));
  // A double click sends one batch: the second click is ignored and the key is the same.
  await page.getByRole("button", { name: `Create ${expected} showtimes` }).dblclick();

  const bar = page.getByRole("progressbar");
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAttribute("aria-valuenow", "100", { timeout: 30_000 });
  await expect(page.getByTestId("batch-progress-label")).toContainText(`Done: ${expected} showtimes and`);
  await expect(page.getByTestId("created-showtimes")).toHaveText(String(expected));
  const tickets = Number((await page.getByTestId("created-tickets").innerText()).replace(/,/g, ""));
  expect(tickets).toBeGreaterThan(0);
  expect(tickets).toBe(theaters.reduce((n, t) => n + t.seatCount * DAYS * TIMES.length, 0));

  expect(await upcomingCount(page.request, theaters.map((t) => t.id))).toBe(before + expected);
  expect((await (await page.request.get("/api/v1/showtime-creation/batches")).json()).total).toBe(batchesBefore + 1);

  // The batch's own page shows the outcome, also after a reload.
  await page.getByRole("link", { name: "Open this batch's page" }).click();
  await expect(page).toHaveURL(/\/admin\/showtimes\/batches\/[0-9a-f-]{36}$/);
  await page.reload();
  await expect(page.getByTestId("batch-progress-label")).toHaveText(`Done: ${expected} showtimes and ${tickets.toLocaleString("en-US")} tickets created`);

  await page.goto("/admin/showtimes/batches");
  const row = page.getByTestId("batch-row").first();
  await expect(row).toContainText(movie.title);
  await expect(row).toContainText("Succeeded");
  await expect(row).toContainText(`${expected} / ${expected}`);
  await expect(row).toContainText("by Admin");
});

test("scheduling over an existing showtime returns to the times with the conflict listed and creates nothing", async ({ page }) => {
  await signInAsAdmin(page);
  const theater = theaters[0]!;
  const before = await upcomingCount(page.request, [theater.id]);

  await chooseMovieAndTheaters(page, [theater]);
  // The timeline had the earlier batch; 10:30 lands inside the 10:00 show.
  await page.getByLabel("First day").fill(firstDay);
  await page.getByLabel("Last day").fill(firstDay);
  await page.getByLabel("Time 1", { exact: true }).fill("10:30");

  // Seen before submitting: the start is highlighted with what it hits.
  const flagged = page.locator('[data-testid="planned-start"][data-conflict="true"]');
  await expect(flagged).toHaveCount(1);
  await expect(flagged).toContainText(`Conflicts with ${movie.title}`);

  await page.getByRole("button", { name: "Review" }).click();
  await expect(page.getByText(/collides with existing showtimes/)).toBeVisible();
  await page.getByRole("button", { name: "Create 1 showtime" }).click();

  // The server refuses the batch and the wizard goes back to step 4 with every conflict.
  await expect(page.getByRole("heading", { name: /Enter start times/ })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole("heading", { name: "1 existing showtime in the way" })).toBeFocused();
  const conflicts = page.getByRole("list", { name: "Conflicting showtimes" }).getByRole("listitem");
  await expect(conflicts).toHaveCount(1);
  await expect(conflicts.first()).toContainText(theater.name);
  await expect(conflicts.first()).toContainText(movie.title);
  await expect(conflicts.first()).toContainText(/10:00–\d\d:\d\d/);
  await expect(conflicts.first()).toContainText(/Hit by new start: .*10:30/);
  await expect(flagged).toHaveCount(1);

  expect(await upcomingCount(page.request, [theater.id])).toBe(before);
  const latest = (await (await page.request.get("/api/v1/showtime-creation/batches?limit=1")).json()).items[0];
  expect(latest).toMatchObject({ status: "failed", createdShowtimes: 0, createdTickets: 0, conflictCount: 1 });

  await page.goto("/admin/showtimes/batches?status=failed");
  await expect(page.getByTestId("batch-row").first()).toContainText("Failed: conflicts");
  await expect(page.getByTestId("batch-row").first()).toContainText("0 / 1");
});
