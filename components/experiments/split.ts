/**
 * What is wrong with a traffic split typed as percent (one text per variant), or null when each is
 * a whole 1–99 and they add up to 100: the form says it as it is typed; the API checks it again.
 */
export function splitProblem(percents: readonly string[]): string | null {
  const values = percents.map((text) => (text.trim() === "" ? NaN : Number(text)));
  const bad = values.findIndex((v) => !Number.isInteger(v) || v < 1 || v > 99);
  if (bad >= 0) return `Variant ${String.fromCharCode(65 + bad)}'s share must be a whole number from 1 to 99`;
  const total = values.reduce((sum, v) => sum + v, 0);
  return total === 100 ? null : `The split must add up to 100% (it adds up to ${total}%)`;
}
