import type { Metadata } from "next";
import { GenrePicker } from "@/components/viewer/genre-picker";
import { getDb } from "@/db";
import { requireSignedInPage } from "@/lib/auth/current-user";
import { catalogGenres } from "@/lib/catalog/browse-service";
import { KNOWN_GENRES } from "@/lib/catalog/contract";
import { favoriteGenresOf } from "@/lib/recs/recommendation-service";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Your favorite genres" };

/** The step after sign-up (and later, from the home page): up to three favorite genres, or skip. */
export default async function OnboardingPage() {
  const user = await requireSignedInPage("/onboarding");
  const db = await getDb();
  const [inCatalog, current] = await Promise.all([catalogGenres(db), favoriteGenresOf(db, user.id)]);
  // MovieLens files "(no genres listed)" as a genre; it is nothing to pick.
  const offered = inCatalog.filter((g) => /^[\p{L}\p{N}]/u.test(g.genre));
  const genres = offered.length ? offered : KNOWN_GENRES.map((genre) => ({ genre, movies: null }));
  return (
    <div className="mx-auto max-w-2xl">
      <h1 className="text-2xl font-semibold tracking-tight">Pick your favorite genres</h1>
      <p className="mt-1 text-sm text-stone-600">Choose up to three. Your first recommendations start from them; what you watch and rate does the rest.</p>
      <GenrePicker userId={user.id} genres={genres} initial={current.genres} />
    </div>
  );
}
