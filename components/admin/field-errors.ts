import { ApiClientError } from "@/lib/client/api-client";

/**
 * Field errors from the API ({"fields": {"title": "Required", "genres.2": "Too long"}}) for a form:
 * the message for one input, and the ones no input on the form can show.
 */
export function errorFor(fields: Record<string, string>, name: string): string | undefined {
  if (fields[name]) return fields[name];
  const nested = Object.keys(fields).find((key) => key.startsWith(`${name}.`));
  return nested ? fields[nested] : undefined;
}

export function unplacedErrors(fields: Record<string, string>, placed: readonly string[]): string[] {
  return Object.entries(fields)
    .filter(([key]) => !placed.some((name) => key === name || key.startsWith(`${name}.`)))
    .map(([key, message]) => (key === "body" || key === "" ? message : `${key}: ${message}`));
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : "Something went wrong. Try again.";
}

/**
 * The one line under a failed save: for invalid input, a pointer to the marked fields; for
 * anything else (a conflict such as "has showtimes"), the API's own sentence.
 */
export function saveErrorSummary(error: unknown, fields: Record<string, string>, where: string): string {
  const validation = error instanceof ApiClientError && error.code.startsWith("bad_request") && Object.keys(fields).length > 0;
  return validation ? `Fix what is marked ${where} and save again.` : errorMessage(error);
}
