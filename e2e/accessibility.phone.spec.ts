import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "../playwright.config";
import { signIn } from "./support/auth";
import { expectNoSeriousA11yViolations } from "./support/axe";

/** At phone width the header folds into a menu button; the menu, open, passes WCAG 2.1 A/AA too. */

test("the menu a visitor opens on a phone", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("main").getByRole("listitem").first()).toBeVisible();
  await page.getByRole("button", { name: "Menu" }).click();
  const menu = page.locator("#mobile-menu");
  await expect(menu.getByRole("link", { name: "Sign up" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, { context: "phone menu open" });
});

test("the menu and the users list an admin sees on a phone", async ({ page }) => {
  // signInAsAdmin looks for the header's admin badge, which a phone folds away into the menu.
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await page.goto("/admin/users");
  await expect(page.getByRole("row").nth(1)).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await expectNoSeriousA11yViolations(page);

  await page.getByRole("button", { name: "Menu" }).click();
  await expect(page.locator("#mobile-menu").getByRole("button", { name: "Sign out" })).toBeVisible();
  await expectNoSeriousA11yViolations(page, { context: "phone menu open" });
});
