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

/**
 * SQLSTATEs of a database that is stalled or unreachable rather than of a bad statement: a
 * statement or lock that ran past its timeout, a session idle in a transaction for too long, no
 * free connection, a server shutting down or starting up, a lost connection. postgres.js names its
 * own connection failures in `code` too.
 */
const STALL_CODES = new Set([
  "57014", // query_canceled: statement_timeout
  "55P03", // lock_not_available: lock_timeout
  "25P03", // idle_in_transaction_session_timeout
  "53300", // too_many_connections
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "ECONNREFUSED",
  "ECONNRESET",
]);

/** Whether the error says the database is stalled or unreachable (worth retrying later), not that a statement is wrong. */
export function isDatabaseStall(error: unknown): boolean {
  const code = pgErrorCode(error);
  return code !== undefined && (STALL_CODES.has(code) || code.startsWith("08"));
}
