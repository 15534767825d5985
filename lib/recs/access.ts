import "server-only";
import { isAdmin, requireActor, type Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors/app-error";

/** A user's lists and genres: the user themself, admins, and services with the `recs:read` scope. */
export function authorizeRecsReader(actor: Actor | null, userId: string): Actor {
  const caller = requireActor(actor);
  if (isAdmin(caller)) return caller;
  if (caller.kind === "token" && caller.scopes.includes("recs:read")) return caller;
  if (caller.kind === "user" && caller.userId === userId) return caller;
  throw new AppError("forbidden:recommendations", caller.kind === "token" ? "This needs a token with the 'recs:read' scope" : "You can only see your own recommendations");
}

/** Favorite genres are set by the viewer themself (or an admin). */
export function authorizeGenresWriter(actor: Actor | null, userId: string): Actor {
  const caller = requireActor(actor);
  if (isAdmin(caller)) return caller;
  if (caller.kind === "user" && caller.userId === userId) return caller;
  throw new AppError("forbidden:genres", "You can only set your own favorite genres");
}
