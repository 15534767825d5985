import "server-only";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { findUserById } from "@/db/queries/users";
import { getAuthOptions } from "./auth-options";

/** The signed-in user for pages and layouts, with the role as the database has it now. */
export async function getCurrentUser() {
  const session = await getServerSession(await getAuthOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  return findUserById(await getDb(), id);
}

export async function requireSignedInPage(next: string) {
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(next)}`);
  return user;
}

/** Admin pages call this first; the API routes they use check the role again on their own. */
export async function requireAdminPage(next: string) {
  const user = await requireSignedInPage(next);
  if (user.role !== "admin") redirect("/?forbidden=1");
  return user;
}
