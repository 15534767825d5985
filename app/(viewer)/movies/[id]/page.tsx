import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { FavoriteToggle } from "@/components/viewer/favorite-toggle";
import { SignInPrompt } from "@/components/viewer/sign-in-prompt";
import { StarRating } from "@/components/viewer/star-rating";
import { WatchPanel } from "@/components/viewer/watch-panel";
import { MovieShowtimes } from "@/components/viewer/movie-showtimes";
import { SimilarMovies } from "@/components/viewer/similar-movies";
import { getDb } from "@/db";
import { getCurrentUser } from "@/lib/auth/current-user";
import { findMovieForPage, upcomingShowtimesByPlace, viewerStateOnMovie } from "@/lib/viewer/movie-page-service";

export const dynamic = "force-dynamic";

async function load(id: string) {
  return findMovieForPage(await getDb(), id);
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const movie = await load((await params).id);
  return { title: movie?.title ?? "Movie not found" };
}

export default async function MoviePage({ params }: { params: Promise<{ id: string }> }) {
  const movie = await load((await params).id);
  if (!movie) notFound();
  const user = await getCurrentUser();
  const db = await getDb();
  // What the viewer did before, as the event worker has recorded it, and where the movie plays next.
  const [{ rating, favorite, lastProgress }, showtimes] = await Promise.all([
    user ? viewerStateOnMovie(db, user.id, movie.id) : { rating: null, favorite: false, lastProgress: null },
    upcomingShowtimesByPlace(db, movie.id, new Date()),
  ]);
  const here = `/movies/${encodeURIComponent(movie.id)}`;
  return (
    <article className="max-w-3xl">
      <Link href="/" className="text-sm text-brand-700 hover:underline">← All movies</Link>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">{movie.title}</h1>
      <p className="mt-2 text-stone-600">
        {[movie.year, movie.runtimeMinutes ? `${movie.runtimeMinutes} min` : null, movie.releaseDate ? `Released ${movie.releaseDate}` : null].filter(Boolean).join(" · ")}
      </p>
      <p className="mt-3 flex flex-wrap gap-1">
        {movie.genres.map((g) => (
          <Link key={g} href={`/?genre=${encodeURIComponent(g)}`} className="rounded bg-stone-100 px-2 py-0.5 text-sm text-stone-700 hover:bg-stone-200">{g}</Link>
        ))}
      </p>
      {movie.overview && <p className="mt-6 leading-relaxed text-stone-800">{movie.overview}</p>}
      <div className="mt-6 space-y-4">
        {user ? (
          <>
            <WatchPanel userId={user.id} movieId={movie.id} title={movie.title} runtimeMinutes={movie.runtimeMinutes} resumeAtPercent={lastProgress} />
            <section aria-label="Your rating and favorites" className="flex flex-col gap-4 rounded-lg border border-stone-200 bg-white p-4 shadow-sm sm:flex-row sm:items-start sm:justify-between">
              <StarRating userId={user.id} movieId={movie.id} title={movie.title} initialRating={rating} />
              <FavoriteToggle userId={user.id} movieId={movie.id} title={movie.title} initialFavorite={favorite} />
            </section>
            <p className="text-sm">
              <Link href="/me" className="text-brand-700 hover:underline">
                Your activity →
              </Link>
            </p>
          </>
        ) : (
          <SignInPrompt next={here} what="watch, rate and favorite this movie" />
        )}
      </div>
      <p className="mt-6 flex gap-4 text-sm">
        {movie.imdbId && <a className="text-brand-700 hover:underline" href={`https://www.imdb.com/title/${movie.imdbId.startsWith("tt") ? movie.imdbId : `tt${movie.imdbId.padStart(7, "0")}`}/`} rel="noreferrer" target="_blank">IMDb</a>}
        {movie.tmdbId && <a className="text-brand-700 hover:underline" href={`https://www.themoviedb.org/movie/${movie.tmdbId}`} rel="noreferrer" target="_blank">TMDB</a>}
      </p>
      <div className="mt-8">
        <MovieShowtimes cities={showtimes.cities} truncated={showtimes.truncated} />
      </div>
      <div className="mt-8">
        <SimilarMovies movieId={movie.id} userId={user?.id ?? null} />
      </div>
    </article>
  );
}
