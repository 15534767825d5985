import { expect, test } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { signInAsAdmin } from "./support/auth";

/**
 * /admin/models: an admin trains a model, follows its progress live (server-sent events) and
 * starts serving it; GET /api/v1/model/info then names that version as the one served.
 */
test("an admin trains a model, follows its training live and serves the new version", async ({ page }) => {
  await signInAsAdmin(page);
  await page.goto("/admin/models");
  await expect(page.getByRole("heading", { name: "Train a model" })).toBeVisible();

  const form = page.getByRole("form", { name: "Train a model" });
  await form.getByLabel("Algorithm").selectOption("als");
  await form.getByLabel("Hyperparameters (optional)").fill('{"factors": 16, "iterations": 5}');
  await form.getByLabel("Serve it as soon as it is trained").uncheck();
  await form.getByRole("button", { name: "Train", exact: true }).click();

  // The panel follows the new version until the worker reports it ready.
  const panel = page.getByTestId("training-progress");
  await expect(panel).toBeVisible();
  await expect(panel.getByText(/^ALS · version \d+$/)).toBeVisible();
  const version = Number((await panel.getByText(/^ALS · version \d+$/).textContent())!.match(/\d+/)![0]);
  await expect(page.getByTestId("training-progress-label")).toHaveText(/^Ready/, { timeout: 60_000 });
  await expectNoSeriousA11yViolations(page, { context: "a finished training" });

  // Trained but not served: it says so, and serving it is one confirmed click.
  const row = page.getByRole("row").filter({ has: page.getByRole("cell", { name: `v${version}`, exact: true }) });
  await expect(row.getByText("ready")).toBeVisible();
  await expect(row.getByText("serving")).toHaveCount(0);
  await row.getByRole("button", { name: `Serve version ${version} of ALS (implicit feedback)` }).click();
  await expect(page.getByRole("dialog")).toContainText(`Serve version ${version}?`);
  await expectNoSeriousA11yViolations(page, { context: "the serve dialog" });
  await page.getByRole("button", { name: "Serve it" }).click();
  await expect(row.getByText("serving")).toBeVisible();

  const info = await page.request.get("/api/v1/model/info");
  expect(info.status()).toBe(200);
  const body = (await info.json()) as { models: { algorithm: string; version: number }[] };
  expect(body.models.find((m) => m.algorithm === "als")?.version).toBe(version);
});
