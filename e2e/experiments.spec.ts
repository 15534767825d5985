import { expect, test, type Page } from "@playwright/test";
import { signInAsAdmin } from "./support/auth";
import { expectNoSeriousA11yViolations } from "./support/axe";

/**
 * An A/B experiment end to end: an admin creates it on /admin/experiments (the split checked as it
 * is typed), a signed-in viewer gets a list under it and likes one movie and dislikes another
 * through the API, and the admin sees the session, the like and the dislike counted in that
 * viewer's variant on /admin/experiments/{id}. Both pages pass axe on a desktop and at phone width.
 */

const PHONE = { width: 390, height: 844 };

async function signUpViewer(page: Page) {
  const email = `ab-viewer-${Date.now()}@example.com`;
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Abby Viewer");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("popcorn-2026");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Abby Viewer").first()).toBeVisible();
}

/** The cell of a metric's row in a variant's column of the figures table (a row header may carry a hint after its name). */
function figure(page: Page, metric: string, variantIndex: number) {
  const table = page.getByRole("table", { name: "Each variant's figures with 95% confidence intervals" });
  return table.getByRole("row").filter({ has: page.getByRole("rowheader", { name: new RegExp(`^${metric}(\\s|$)`) }) }).getByRole("cell").nth(variantIndex);
}

test("an admin creates an A/B experiment and sees a viewer's like and dislike counted in the viewer's variant", async ({ page, browser, baseURL }) => {
  await signInAsAdmin(page);
  await page.goto("/admin");
  await page.getByRole("navigation", { name: "Admin" }).getByRole("link", { name: "Experiments" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Experiments" })).toBeVisible();
  await expect(page.getByText("No experiments yet")).toBeVisible();

  // The form: two variants, a split that must add up to 100.
  const form = page.getByRole("form", { name: "New experiment" });
  const name = `Popularity vs EASE ${Date.now()}`;
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Model", { exact: true }).nth(0).selectOption("popular");
  await form.getByLabel("Model", { exact: true }).nth(1).selectOption("ease");
  await form.getByLabel("Share %", { exact: true }).nth(0).fill("60");
  await expect(form.getByText("The split must add up to 100% (it adds up to 110%)")).toBeVisible();
  await form.getByRole("button", { name: "Create experiment" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Created" })).toHaveCount(0);
  await form.getByLabel("Share %", { exact: true }).nth(1).fill("40");
  await expect(form.getByText("The split adds up to 100%.")).toBeVisible();
  await expectNoSeriousA11yViolations(page, { context: "the create form filled in" });
  await form.getByRole("button", { name: "Create experiment" }).click();
  await expect(page.getByText(`Created “${name}”.`)).toBeVisible();

  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name }) });
  await expect(row).toContainText("running");
  await expect(row).toContainText("60 / 40");
  await expect(row.getByRole("cell").nth(5)).toHaveText("0");
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, { context: "the list with a running experiment" });
  await row.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const experimentId = new URL(page.url()).pathname.split("/").at(-1)!;

  // A viewer, signed in in a browser of their own, gets a list and reacts to it through the API.
  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await signUpViewer(viewer);
  const session = (await (await viewer.request.get("/api/auth/session")).json()) as { user: { id: string } };
  const userId = session.user.id;
  const headers = { Origin: baseURL! };
  const listed = await viewer.request.get(`/api/v1/recommend/${encodeURIComponent(userId)}?k=10`, { headers });
  expect(listed.status()).toBe(200);
  const list = (await listed.json()) as { sessionId: string; movieIds: string[]; experiment: { id: string; variant: string } | null };
  expect(list.experiment?.id).toBe(experimentId);
  expect(list.movieIds.length).toBeGreaterThanOrEqual(2);
  const [liked, disliked] = list.movieIds;
  for (const [movieId, isLiked] of [
    [liked, true],
    [disliked, false],
  ] as const) {
    const answer = await viewer.request.post("/api/v1/feedback", { headers, data: { sessionId: list.sessionId, userId, liked: [{ movieId, liked: isLiked }] } });
    expect(answer.status(), await answer.text()).toBe(201);
  }
  await viewerContext.close();

  // The admin sees the session, the like and the dislike in the viewer's variant, and none in the other.
  const mine = list.experiment!.variant === "A" ? 0 : 1;
  const other = 1 - mine;
  await page.reload();
  await expect(figure(page, "Sessions", mine)).toHaveText("1");
  await expect(figure(page, "Likes", mine)).toHaveText("1");
  await expect(figure(page, "Dislikes", mine)).toHaveText("1");
  await expect(figure(page, "Like rate", mine)).toContainText("50.0%");
  await expect(figure(page, "Sessions", other)).toHaveText("0");
  await expect(figure(page, "Likes", other)).toHaveText("0");
  await expect(page.getByTestId("verdict")).toHaveText(/No sessions yet in|Not significant|significant/);
  await expectNoSeriousA11yViolations(page, { context: "the experiment's figures" });

  // At phone width: both pages again.
  await page.setViewportSize(PHONE);
  await expect(figure(page, "Dislikes", mine)).toHaveText("1");
  await expectNoSeriousA11yViolations(page, { context: "the experiment's figures at phone width" });
  await page.goto("/admin/experiments");
  await expect(page.getByRole("link", { name })).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page, { context: "the list at phone width" });

  // Stopping asks first; the list then says so and offers no start.
  await page.getByRole("button", { name: `Stop ${name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Stop “${name}”?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Stop it" }).click();
  await expect(dialog).toBeHidden();
  const stopped = page.getByRole("row").filter({ has: page.getByRole("link", { name }) });
  await expect(stopped).toContainText("stopped");
  await expect(stopped.getByRole("button")).toHaveCount(0);
});
