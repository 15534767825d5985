import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./support/axe";

/**
 * A new viewer's first visit: sign up, pick favorite genres, get recommendations with their
 * reasons, like one and take the like back (a like stays pressed after a reload), dislike another
 * (which leaves at once, comes back with Undo, and once disliked again stays gone), open one from
 * the list (the selection is recorded with the list's session), and react to the movie page's
 * similar movies the same way. Every page on the way passes axe at desktop and at phone width.
 */

const PHONE = { width: 375, height: 812 };

/** The page has finished loading: no section is still busy and `ready` is shown. */
async function whenLoaded(page: Page, ready: Locator) {
  await expect(ready).toBeVisible();
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
}

/** axe at the current width, then at phone width, then back. */
async function checkBothWidths(page: Page, context: string) {
  const desktop = page.viewportSize();
  await expectNoSeriousA11yViolations(page, { context: `${context}, desktop` });
  await page.setViewportSize(PHONE);
  await expectNoSeriousA11yViolations(page, { context: `${context}, phone` });
  if (desktop) await page.setViewportSize(desktop);
}

function feedbackSent(page: Page) {
  return page.waitForResponse((r) => r.url().endsWith("/api/v1/feedback") && r.request().method() === "POST");
}

test("a new viewer picks genres, gets recommendations with reasons, likes one and dislikes another", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Rita Recs");
  await page.getByLabel("Email").fill(`recs-${Date.now()}@example.com`);
  await page.getByLabel("Password").fill("popcorn-2026");
  await page.getByRole("button", { name: "Create account" }).click();

  // The genre step: three at most, by keyboard.
  await expect(page.getByRole("heading", { level: 1, name: "Pick your favorite genres" })).toBeVisible();
  await checkBothWidths(page, "genre step");
  const genre = (name: string) => page.getByRole("checkbox", { name: new RegExp(`^${name}\\b`) });
  await genre("Drama").focus();
  await page.keyboard.press("Space");
  await genre("Crime").check();
  await genre("Comedy").check();
  await expect(genre("Drama")).toBeChecked();
  // A fourth is marked unavailable and refuses to be picked, by keyboard or mouse.
  await expect(genre("Romance")).toHaveAttribute("aria-disabled", "true");
  await genre("Romance").focus();
  await page.keyboard.press("Space");
  await expect(genre("Romance")).not.toBeChecked();
  await expect(page.getByRole("status").filter({ hasText: "3 genres at most" })).toBeVisible();
  await checkBothWidths(page, "genre step with a fourth refused");
  const saved = page.waitForResponse((r) => /\/api\/v1\/users\/[^/]+\/genres$/.test(r.url()) && r.request().method() === "PUT");
  await page.getByRole("button", { name: "Save and continue" }).click();
  expect((await saved).status()).toBe(200);

  // Home: recommendations with reasons, trending, popular in the genres just picked.
  await expect(page).toHaveURL(/\/$/);
  const forYou = page.getByRole("region", { name: "For you" });
  const cards = forYou.getByRole("listitem");
  await whenLoaded(page, cards.first());
  const popularInGenres = page.getByRole("region", { name: "Popular in your genres" });
  await expect(popularInGenres).toContainText("Drama, Crime, Comedy");
  // Its cards take the same reactions.
  await expect(popularInGenres.getByRole("button", { name: /^Like /, pressed: false }).first()).toBeVisible();
  await expect(cards.first()).toContainText(/% match/);
  await expect(cards.first().locator("p").nth(1)).not.toBeEmpty();
  expect(await cards.count()).toBeGreaterThan(2);
  await checkBothWidths(page, "home with recommendations");

  const title = async (card: Locator) => (await card.getByRole("heading", { level: 3 }).textContent())!.trim();
  const liked = await title(cards.nth(0));
  const disliked = await title(cards.nth(1));

  // Like the first: pressed at once, sent as a like.
  const likeSent = feedbackSent(page);
  const like = forYou.getByRole("button", { name: `Like ${liked}`, exact: true });
  await like.click();
  await expect(like).toHaveAttribute("aria-pressed", "true");
  const likeResponse = await likeSent;
  expect(likeResponse.status()).toBe(201);
  expect(likeResponse.request().postDataJSON()).toMatchObject({ liked: [{ movieId: expect.any(String), liked: true }] });

  // Press it again: the like is taken back (liked: null), and pressed again it is a like once more.
  const unlikeSent = feedbackSent(page);
  await like.click();
  await expect(like).toHaveAttribute("aria-pressed", "false");
  const unlikeResponse = await unlikeSent;
  expect(unlikeResponse.status()).toBe(201);
  expect(unlikeResponse.request().postDataJSON()).toMatchObject({ liked: [{ movieId: likeResponse.request().postDataJSON().liked[0].movieId, liked: null }] });
  await expect(forYou.getByRole("status")).toContainText(`You no longer like ${liked}`);
  const relikeSent = feedbackSent(page);
  await like.click();
  await expect(like).toHaveAttribute("aria-pressed", "true");
  expect((await relikeSent).status()).toBe(201);

  // Dislike the second: gone at once; Undo brings it back (the dislike cleared with liked: null).
  const firstDislikeSent = feedbackSent(page);
  await forYou.getByRole("button", { name: `Dislike ${disliked}`, exact: true }).click();
  await expect(forYou.getByRole("heading", { level: 3, name: disliked, exact: true })).toHaveCount(0);
  expect((await firstDislikeSent).status()).toBe(201);
  const undoSent = feedbackSent(page);
  await forYou.getByRole("button", { name: /^Undo/ }).click();
  await expect(forYou.getByRole("heading", { level: 3, name: disliked, exact: true })).toBeVisible();
  const undoResponse = await undoSent;
  expect(undoResponse.status()).toBe(201);
  expect(undoResponse.request().postDataJSON()).toMatchObject({ liked: [{ movieId: expect.any(String), liked: null }] });
  await expect(forYou.getByRole("status")).toContainText(`${disliked} is back in your recommendations`);
  await expect(forYou.getByRole("heading", { level: 3 }).nth(1)).toHaveText(disliked);

  // Disliked again: gone at once, and still gone after a reload.
  const dislikeSent = feedbackSent(page);
  await forYou.getByRole("button", { name: `Dislike ${disliked}`, exact: true }).click();
  await expect(forYou.getByRole("heading", { level: 3, name: disliked, exact: true })).toHaveCount(0);
  expect((await dislikeSent).status()).toBe(201);
  await expect(forYou.getByRole("status")).toContainText(`You disliked ${disliked}`);
  await checkBothWidths(page, "home after a dislike, with Undo");
  await page.reload();
  await whenLoaded(page, cards.first());
  await expect(forYou.getByRole("heading", { level: 3, name: liked, exact: true })).toBeVisible();
  await expect(forYou.getByRole("heading", { level: 3, name: disliked, exact: true })).toHaveCount(0);
  // The like survives the reload: on the new list its button is still pressed.
  await expect(forYou.getByRole("button", { name: `Like ${liked}`, exact: true })).toHaveAttribute("aria-pressed", "true");

  // Opening a card records the selection with what was shown, and the movie page has the new sections.
  const opened = await title(cards.nth(2));
  const selected = feedbackSent(page);
  await cards.nth(2).getByRole("link").click();
  const selection = (await selected).request().postDataJSON();
  expect(selection).toMatchObject({ selectedMovieId: expect.any(String), sessionId: expect.any(String), context: "home" });
  expect(selection.impressions).toContain(selection.selectedMovieId);
  expect(selection.impressions.indexOf(selection.selectedMovieId)).toBe(2);
  await expect(page.getByRole("heading", { level: 1, name: opened })).toBeVisible();
  const similar = page.getByRole("region", { name: "Similar movies" });
  const similarCards = similar.getByRole("listitem");
  await whenLoaded(page, similarCards.nth(1));
  await expect(page.getByRole("region", { name: "Showtimes", exact: true })).toBeVisible();

  // Similar movies are a logged list of their own, with the same reactions as "For you".
  const similarLiked = await title(similarCards.nth(0));
  const similarDisliked = await title(similarCards.nth(1));
  const similarLikeSent = feedbackSent(page);
  const similarLike = similar.getByRole("button", { name: `Like ${similarLiked}`, exact: true });
  await similarLike.click();
  await expect(similarLike).toHaveAttribute("aria-pressed", "true");
  const similarLikeResponse = await similarLikeSent;
  expect(similarLikeResponse.status()).toBe(201);
  expect(similarLikeResponse.request().postDataJSON()).toMatchObject({ context: "similar", sessionId: expect.any(String), liked: [{ liked: true }] });
  expect(similarLikeResponse.request().postDataJSON().sessionId).not.toBe(selection.sessionId);
  const similarDislikeSent = feedbackSent(page);
  await similar.getByRole("button", { name: `Dislike ${similarDisliked}`, exact: true }).click();
  await expect(similar.getByRole("heading", { level: 3, name: similarDisliked, exact: true })).toHaveCount(0);
  expect((await similarDislikeSent).status()).toBe(201);
  await checkBothWidths(page, "movie page after reacting to similar movies");
  await page.reload();
  await whenLoaded(page, similarCards.first());
  await expect(similar.getByRole("heading", { level: 3, name: similarDisliked, exact: true })).toHaveCount(0);
  await expect(similar.getByRole("heading", { level: 3, name: similarLiked, exact: true })).toBeVisible();
});

test("a dislike the server refuses brings the card back with a message", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Your name").fill("Fay Failure");
  await page.getByLabel("Email").fill(`recs-fail-${Date.now()}@example.com`);
  await page.getByLabel("Password").fill("popcorn-2026");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("link", { name: "Skip for now" }).click();

  const forYou = page.getByRole("region", { name: "For you" });
  const cards = forYou.getByRole("listitem");
  await whenLoaded(page, cards.first());
  const title = (await cards.first().getByRole("heading", { level: 3 }).textContent())!.trim();
  await page.route("**/api/v1/feedback", (route) => route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ error: { code: "unavailable", message: "Try again in a moment." } }) }));
  await forYou.getByRole("button", { name: `Not interested in ${title}`, exact: true }).click();
  await expect(forYou.getByRole("status")).toContainText(`'Not interested' in ${title} was not saved, so it is back in your list`);
  await expect(cards.first().getByRole("heading", { level: 3 })).toHaveText(title);
  await checkBothWidths(page, "home with a failed dislike");
});

test("a visitor sees trending and popular movies and a sign-in prompt", async ({ page }) => {
  await page.goto("/");
  await whenLoaded(page, page.getByRole("region", { name: "Popular on Marquee" }).getByRole("listitem").first());
  await expect(page.getByText("Sign in to get recommendations made for you")).toBeVisible();
  await expect(page.getByRole("region", { name: "Trending now" })).toBeVisible();
  await expect(page.getByRole("region", { name: "For you" })).toHaveCount(0);
  await checkBothWidths(page, "home for a visitor");
});
