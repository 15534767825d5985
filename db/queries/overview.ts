import "server-only";
import { count } from "drizzle-orm";
import type { Db } from "../client";
import { apiTokens, movies, ratings, theaters, users } from "../schema";

/** The admin overview's counts: the catalog, the audience and the keys other services use. */
export async function countOverview(db: Db) {
  const countOf = async (table: typeof movies | typeof theaters | typeof users | typeof ratings | typeof apiTokens) => (await db.select({ n: count() }).from(table))[0]?.n ?? 0;
  const [movieCount, theaterCount, userCount, ratingCount, tokenCount] = await Promise.all([countOf(movies), countOf(theaters), countOf(users), countOf(ratings), countOf(apiTokens)]);
  return { movies: movieCount, theaters: theaterCount, users: userCount, ratings: ratingCount, apiTokens: tokenCount };
}
