import { getDb } from "@/db";
import { EmptyState } from "@/components/ui/states";
import { popularMovies } from "@/lib/recs/recommendation-service";
import { CompactMovieCard, compactGrid } from "./movie-shelf";

/** The most watched, rated and favorited movies overall: what a visitor sees instead of their own list. Streams in. */
export async function PopularOverall({ limit }: { limit: number }) {
  const items = await popularMovies(await getDb(), limit);
  if (!items.length) return <EmptyState title="Nothing popular yet">Movies appear here once people watch and rate them.</EmptyState>;
  return (
    <ul className={compactGrid}>
      {items.map((m) => (
        <li key={m.movieId}>
          <CompactMovieCard
            movieId={m.movieId}
            title={m.title}
            detail={[m.averageRating !== null ? `${m.averageRating.toFixed(1)} ★` : null, `${m.interactions.toLocaleString("en-US")} ${m.interactions === 1 ? "viewer" : "viewers"}`].filter(Boolean).join(" · ")}
            genres={m.genres}
          />
        </li>
      ))}
    </ul>
  );
}
