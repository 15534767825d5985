import "server-only";
/**
 * What a Postgres error means, whichever driver raised it (PGlite and postgres.js put the SQLSTATE
 * in `code`; drizzle wraps them in an error whose `cause` is the driver's).
 */
export const PG_UNIQUE_VIOLATION = "23505";
export const PG_FOREIGN_KEY_VIOLATION = "23503";
export const PG_RESTRICT_VIOLATION = "23001";
export const PG_EXCLUSION_VIOLATION = "23P01";

/** The SQLSTATE of the error or of any error it was caused by. */
export function pgErrorCode(error: unknown): string | undefined {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
  }
  return undefined;
}
