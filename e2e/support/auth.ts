import { expect, type Page } from "@playwright/test";
import { E2E_ADMIN, E2E_ORIGIN } from "../../playwright.config";

/**
 * The Origin header a browser sends with a write from our own pages. page.request sends none of
 * its own, and the app refuses cookie-signed writes without it (lib/auth/same-origin.ts).
 */
export const fromOurPages = { origin: E2E_ORIGIN };

/** Signs in through the real sign-in form, as the admin the e2e server was started with. */
export async function signInAsAdmin(page: Page) {
  await signIn(page, E2E_ADMIN.email, E2E_ADMIN.password);
  await expect(page.getByText("admin", { exact: true }).first()).toBeVisible();
}

export async function signIn(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
}
