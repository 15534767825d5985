import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "@/db/client";
import { createUser, findFirstAdmin, findUserByEmail, setUserPassword, setUserRole } from "@/db/queries/users";
import { generatePassword, hashPassword, verifyPassword } from "./passwords";

export const DEFAULT_ADMIN_EMAIL = "admin@marquee.local";

export type AdminBootstrap =
  | { kind: "configured"; email: string }
  | { kind: "generated"; email: string; password: string }
  | { kind: "existing"; email: string | null };

/**
 * Makes sure someone can administer the app. ADMIN_EMAIL/ADMIN_PASSWORD name the admin (created or
 * brought in line on every start); without them, the first start creates one with a generated
 * password that the caller prints once.
 */
export async function ensureAdmin(db: Db, configured: { email?: string; password?: string }, random: () => string = generatePassword): Promise<AdminBootstrap> {
  if (configured.email && configured.password) {
    const existing = await findUserByEmail(db, configured.email);
    if (!existing) {
      await createUser(db, { id: randomUUID(), email: configured.email, passwordHash: await hashPassword(configured.password), role: "admin", displayName: "Admin" });
    } else {
      if (existing.role !== "admin") await setUserRole(db, existing.id, "admin");
      if (!(await verifyPassword(existing.passwordHash, configured.password))) await setUserPassword(db, existing.id, await hashPassword(configured.password));
    }
    return { kind: "configured", email: configured.email };
  }
  const admin = await findFirstAdmin(db);
  if (admin) return { kind: "existing", email: admin.email };
  const password = random();
  await createUser(db, { id: randomUUID(), email: DEFAULT_ADMIN_EMAIL, passwordHash: await hashPassword(password), role: "admin", displayName: "Admin" });
  return { kind: "generated", email: DEFAULT_ADMIN_EMAIL, password };
}

/** A new generated password for an existing admin account, for when the printed one was lost. */
export async function resetAdminPassword(db: Db, email: string, random: () => string = generatePassword): Promise<string | null> {
  const user = await findUserByEmail(db, email);
  if (!user || user.role !== "admin") return null;
  const password = random();
  await setUserPassword(db, user.id, await hashPassword(password));
  return password;
}
