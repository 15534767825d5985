import { expect, test, type ConsoleMessage } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support/axe";
import { E2E_ADMIN } from "../playwright.config";

/** Issue 13, items 10 and 15: security headers that do not break the pages, and sign-in links that cannot be abused. */
test("pages run under their Content-Security-Policy without a violation", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message: ConsoleMessage) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
  });
  const home = await page.goto("/");
  const headers = home!.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["strict-transport-security"]).toBeUndefined(); // plain HTTP here

  // A link that tries to send the signed-in admin elsewhere, and to put its own words on the page.
  await page.goto("/signin?callbackUrl=/%5Cexample.com&error=Your%20account%20is%20locked.%20Call%20555-0100");
  await expect(page.getByText("Call 555-0100")).toHaveCount(0);
  await expect(page.getByRole("alert").filter({ hasText: "Sign-in failed. Try again." })).toBeVisible();
  await expectNoSeriousA11yViolations(page, { context: "sign-in with an unknown error code" });
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"));
  expect(new URL(page.url()).origin).toBe(new URL(home!.url()).origin);
  expect(new URL(page.url()).pathname).toBe("/");

  for (const path of ["/admin", "/admin/showtimes", "/docs/api", "/trends"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  // The pages are interactive: a client component answered.
  await page.goto("/admin/users");
  await expect(page.getByRole("heading").first()).toBeVisible();
  expect(violations).toEqual([]);

  const api = await page.request.get("/api/v1/health/live");
  expect(api.headers()["content-security-policy"]).toContain("default-src 'none'");
});
