import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

/** WCAG 2.0 and 2.1, levels A and AA: the rules a page of Marquee must pass. */
const WCAG_A_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/**
 * Runs axe-core on the page as it is now and fails on every serious or critical WCAG 2.1 A/AA
 * violation, naming the rule, what it asks for, and each offending element with axe's reason
 * (for contrast: both colours and the ratio). Wait for the state you mean to check first: the
 * data loaded, the dialog open, the errors shown. `context` says which state that is, for the message.
 */
export async function expectNoSeriousA11yViolations(page: Page, { context }: { context?: string } = {}) {
  // One run takes seconds on a small page and tens of seconds on a long one or a busy machine.
  test.setTimeout(test.info().timeout + 30_000);
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG_A_AA).analyze();
  const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const problems = serious.map((v) =>
    [
      `${v.id} (${v.impact}): ${v.help} — ${v.helpUrl}`,
      ...v.nodes.map((node) => {
        const why = [...node.any, ...node.all, ...node.none].map((check) => check.message).join("; ");
        return `    ${node.target.join(" ")}${why ? `\n      ${why}` : ""}`;
      }),
    ].join("\n"),
  );
  const url = new URL(page.url());
  const where = `${context ? `${context} at ` : ""}${url.pathname}${url.search}`;
  expect(problems.length, `Serious accessibility violations on ${where}:\n\n${problems.join("\n\n")}`).toBe(0);
}
