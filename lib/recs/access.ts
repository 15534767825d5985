import "server-only";
import { requireSelf, requireViewerOrScope, type Actor } from "@/lib/auth/actor";

/** A user's lists and genres: the user themself, admins, and services with the `recs:read` scope. */
export function authorizeRecsReader(actor: Actor | null, userId: string): Actor {
  return requireSelf(requireViewerOrScope(actor, ["recs:read"]), userId, { code: "forbidden:recommendations", message: "You can only see your own recommendations" });
}

/** Favorite genres are set by the viewer themself (or an admin). */
export function authorizeGenresWriter(actor: Actor | null, userId: string): Actor {
  return requireSelf(requireViewerOrScope(actor, []), userId, { code: "forbidden:genres", message: "You can only set your own favorite genres" });
}
