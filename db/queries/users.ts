import "server-only";
import { and, asc, count, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import type { Role } from "@/lib/auth/contract";
import { users } from "../schema";

/** What may leave the server about a user: never the password hash. */
export const publicUserColumns = {
  id: users.id,
  email: users.email,
  role: users.role,
  displayName: users.displayName,
  createdAt: users.createdAt,
};

export async function findUserByEmail(db: Db, email: string) {
  const [user] = await db
    .select({ ...publicUserColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`)
    .limit(1);
  return user ?? null;
}

export async function findUserById(db: Db, id: string) {
  const [user] = await db.select(publicUserColumns).from(users).where(eq(users.id, id)).limit(1);
  return user ?? null;
}

export async function createUser(db: Db, input: { id: string; email?: string | null; passwordHash?: string | null; role: Role; displayName: string }) {
  const [user] = await db.insert(users).values(input).returning(publicUserColumns);
  return user!;
}

export async function setUserPassword(db: Db, id: string, passwordHash: string) {
  await db.update(users).set({ passwordHash }).where(eq(users.id, id));
}

export async function setUserRole(db: Db, id: string, role: Role) {
  const [user] = await db.update(users).set({ role }).where(eq(users.id, id)).returning(publicUserColumns);
  return user ?? null;
}

/**
 * Locks every admin's row until the transaction ends and returns their ids. A transaction that
 * demotes an admin takes these locks before counting, so two demotions at once are decided one
 * after the other (the second sees the first's result) instead of both counting two admins.
 */
export async function lockAdmins(tx: Db): Promise<string[]> {
  const rows = await tx.select({ id: users.id }).from(users).where(eq(users.role, "admin")).orderBy(asc(users.id)).for("update");
  return rows.map((r) => r.id);
}

export async function countAdmins(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users).where(eq(users.role, "admin"));
  return row?.n ?? 0;
}

export async function findFirstAdmin(db: Db) {
  const [user] = await db.select(publicUserColumns).from(users).where(eq(users.role, "admin")).orderBy(asc(users.createdAt)).limit(1);
  return user ?? null;
}

export async function listUsers(db: Db, params: { q?: string; role?: Role; limit: number; offset: number }) {
  const conditions: SQL[] = [];
  if (params.q) {
    const pattern = `%${escapeLike(params.q)}%`;
    conditions.push(or(ilike(users.email, pattern), ilike(users.displayName, pattern), eq(users.id, params.q))!);
  }
  if (params.role) conditions.push(eq(users.role, params.role));
  const where = conditions.length ? and(...conditions) : undefined;
  const [items, [total]] = await Promise.all([
    db
      .select(publicUserColumns)
      .from(users)
      .where(where)
      // People with accounts first, then the audience by id.
      .orderBy(sql`${users.email} is null`, asc(users.displayName), asc(users.id))
      .limit(params.limit)
      .offset(params.offset),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
