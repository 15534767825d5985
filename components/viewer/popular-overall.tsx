import { getDb } from "@/db";
import { EmptyState } from "@/components/ui/states";
import { popularMovies } from "@/lib/recs/recommendation-service";
import { PopularMovieGrid } from "./movie-shelf";

/** The most watched, rated and favorited movies overall: what a visitor sees instead of their own list. Streams in. */
export async function PopularOverall({ limit }: { limit: number }) {
  const items = await popularMovies(await getDb(), limit);
  if (!items.length) return <EmptyState title="Nothing popular yet">Movies appear here once people watch and rate them.</EmptyState>;
  return <PopularMovieGrid items={items} />;
}
