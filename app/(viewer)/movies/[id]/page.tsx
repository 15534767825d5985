import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db";
import { findMovie } from "@/db/queries/movies";
import { ID_PATTERN } from "@/lib/ids/ids";

export const dynamic = "force-dynamic";

async function load(id: string) {
  const decoded = decodeURIComponent(id);
  if (!ID_PATTERN.test(decoded)) return null;
  return findMovie(await getDb(), decoded);
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }): Promise<Metadata> {
  const movie = await load((await params).id);
  return { title: movie?.title ?? "Movie not found" };
}

export default async function MoviePage({ params }: { params: Promise<{ id: string }> }) {
  const movie = await load((await params).id);
  if (!movie) notFound();
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
      <p className="mt-6 flex gap-4 text-sm">
        {movie.imdbId && <a className="text-brand-700 hover:underline" href={`https://www.imdb.com/title/${movie.imdbId.startsWith("tt") ? movie.imdbId : `tt${movie.imdbId.padStart(7, "0")}`}/`} rel="noreferrer" target="_blank">IMDb</a>}
        {movie.tmdbId && <a className="text-brand-700 hover:underline" href={`https://www.themoviedb.org/movie/${movie.tmdbId}`} rel="noreferrer" target="_blank">TMDB</a>}
      </p>
    </article>
  );
}
