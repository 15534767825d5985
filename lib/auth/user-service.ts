import "server-only";
import type { Db } from "@/db/client";
import { findUserById, lockAdmins, setUserRole } from "@/db/queries/users";
import { AppError } from "@/lib/errors/app-error";
import type { Role } from "./contract";
import { forgetTokensOf } from "./token-cache";

/** Changes a user's role; the last admin cannot be demoted, so nobody locks everyone out. */
export async function changeUserRole(db: Db, id: string, role: Role) {
  const changed = await db.transaction(async (tx) => {
    // Locked first, so the role and the count below are what the other demotions will see.
    const admins = role === "viewer" ? await lockAdmins(tx) : [];
    const user = await findUserById(tx, id);
    if (!user) throw new AppError("not_found:user", `No user with id '${id}'`, { fields: { id: "Not found" } });
    if (user.role === "admin" && role === "viewer" && admins.length <= 1) {
      throw new AppError("conflict:last_admin", "This is the only admin; make someone else an admin first", { fields: { role: "Last admin" } });
    }
    return (await setUserRole(tx, id, role))!;
  });
  // Their tokens act with the new role from the next request on (lib/auth/authenticate.ts).
  forgetTokensOf(id);
  return changed;
}
