import "server-only";
import type { Db } from "@/db/client";
import { findSession, insertSessions, type NewSession } from "@/db/queries/recs";
import { onePerKey } from "@/lib/async/one-per-key";
import { WriteBehind } from "@/lib/async/write-behind";
import { logger } from "@/lib/log/logger";
import { sessionCreatedAt } from "./session-id";

/**
 * The sessions of GET /recommend are logged behind the answer (lib/async/write-behind.ts): at
 * hundreds of cached lists a second, the log's round trip was most of what an answer cost beyond
 * the framework's own work. Nothing reads a session in the same breath except feedback on it, and
 * findLoggedSession below waits for it. A session is stored within SESSION_LOG_DELAY_MS of its
 * answer (on a clean shutdown, before the database closes); a crash loses at most that much log.
 */
export const SESSION_LOG_DELAY_MS = 50;
const SESSION_LOG_MAX_ROWS = 500;

const logOf = onePerKey(
  (db: Db) =>
    new WriteBehind((rows: NewSession[]) => insertSessions(db, rows), {
      maxRows: SESSION_LOG_MAX_ROWS,
      maxDelayMs: SESSION_LOG_DELAY_MS,
      onError: (error, row) => logger.error({ err: error, sessionId: row.sessionId, userId: row.userId }, "could not log a recommendation session"),
    }),
);

export function logSession(db: Db, session: NewSession): void {
  logOf(db).add(session);
}

/** Stores the sessions this process has answered and not yet logged. */
export function flushSessionLog(db: Db): Promise<void> {
  return logOf(db).flush();
}

/**
 * A logged session by id, or null. A session answered here moments ago may still be in this
 * process's buffer: it is flushed and looked up again. One answered by another instance is at most
 * SESSION_LOG_DELAY_MS (plus its write) from being stored: a session that young is looked up once
 * more after that, so feedback sent right after its list is never a false 404.
 */
export async function findLoggedSession(db: Db, sessionId: string, options: { now?: () => number; sleep?: (ms: number) => Promise<void> } = {}) {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const createdAt = sessionCreatedAt(sessionId);
  if (!createdAt) return null;
  const found = await findSession(db, sessionId, createdAt);
  if (found) return found;
  await flushSessionLog(db);
  const flushed = await findSession(db, sessionId, createdAt);
  if (flushed) return flushed;
  const storedBy = createdAt.getTime() + SESSION_LOG_DELAY_MS + OTHER_INSTANCE_WRITE_MS;
  if (storedBy <= now()) return null;
  await sleep(Math.min(storedBy - now(), SESSION_LOG_DELAY_MS + OTHER_INSTANCE_WRITE_MS));
  return findSession(db, sessionId, createdAt);
}

/** What another instance's flush may take to reach the database, beyond its delay. */
export const OTHER_INSTANCE_WRITE_MS = 450;
