import { expect, test } from "@playwright/test";
import { signIn } from "./support/auth";

test("a visitor signs up as a viewer, signs out and signs back in", async ({ page }) => {
  const email = `viewer-${Date.now()}@example.com`;
  await page.goto("/");
  await page.getByRole("link", { name: "Sign up" }).first().click();
  await page.getByLabel("Your name").fill("Vera Viewer");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("popcorn-2026");
  await page.getByRole("button", { name: "Create account" }).click();

  // A new account goes on to pick favorite genres, which can wait.
  await expect(page.getByRole("heading", { level: 1, name: "Pick your favorite genres" })).toBeVisible();
  await expect(page.getByText("Vera Viewer")).toBeVisible();
  await page.getByRole("link", { name: "Skip for now" }).click();
  await expect(page.getByRole("region", { name: "For you" })).toBeVisible();
  // A viewer has no admin navigation and is turned away from admin pages.
  await expect(page.getByRole("link", { name: "Admin" })).toHaveCount(0);
  await page.goto("/admin");
  await expect(page).not.toHaveURL(/\/admin/);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await signIn(page, email, "popcorn-2026");
  await expect(page.getByText("Vera Viewer")).toBeVisible();
});

test("a wrong password is refused with a message and no session", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  // Next.js keeps its own (empty) role="alert" route announcer on every page, so pick ours by its text.
  await expect(page.getByRole("alert").filter({ hasText: "do not match" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
});

test("signing up twice with one email names the email field", async ({ page, request }) => {
  const email = `twice-${Date.now()}@example.com`;
  const first = await request.post("/api/v1/auth/signup", { data: { email, password: "popcorn-2026", displayName: "Twice" } });
  expect(first.status()).toBe(201);
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Twice Again");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("popcorn-2026");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Already registered")).toBeVisible();
});
