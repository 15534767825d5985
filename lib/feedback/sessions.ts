import "server-only";
import type { Db } from "@/db/client";
import { findSession } from "@/db/queries/recs";
import { AppError } from "@/lib/errors/app-error";
import { sessionCreatedAt } from "@/lib/recs/session-id";

/** Whose list a session was (404 for a session that was never logged). */
export async function findSessionOwner(db: Db, sessionId: string): Promise<string> {
  const createdAt = sessionCreatedAt(sessionId);
  const row = createdAt ? await findSession(db, sessionId, createdAt) : null;
  if (!row) throw new AppError("not_found:session", `No recommendation session '${sessionId}'`, { fields: { sessionId: "Not found" } });
  return row.userId;
}
