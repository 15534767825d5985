import "server-only";
import type { Db } from "@/db/client";
import { AppError } from "@/lib/errors/app-error";
import { findLoggedSession } from "@/lib/recs/session-log";

/** Whose list a session was (404 for a session that was never logged). */
export async function findSessionOwner(db: Db, sessionId: string): Promise<string> {
  const row = await findLoggedSession(db, sessionId);
  if (!row) throw new AppError("not_found:session", `No recommendation session '${sessionId}'`, { fields: { sessionId: "Not found" } });
  return row.userId;
}
