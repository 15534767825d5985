import Link from "next/link";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { ErrorState } from "@/components/ui/states";

/** A home or movie page section: a titled list of movie cards with its loading, empty and error states. */

export function Shelf({ id, title, subtitle, busy = false, action, children }: { id: string; title: string; subtitle?: ReactNode; busy?: boolean; action?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} aria-busy={busy} className="mt-8 first:mt-0">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <div>
          <h2 id={`${id}-heading`} tabIndex={-1} className="text-lg font-semibold tracking-tight text-stone-900">
            {title}
          </h2>
          {subtitle && <p className="text-sm text-stone-600">{subtitle}</p>}
        </div>
        {action}
      </div>
      {children}
    </section>
  );
}

/** A shelf whose list could not load: what failed, why, and a way to ask again. */
export function ShelfError({ title, query }: { title: string; query: { error: Error; refetch: () => unknown } }) {
  return (
    <ErrorState
      title={title}
      message={query.error.message}
      action={
        <Button variant="secondary" size="sm" onClick={() => void query.refetch()}>
          Try again
        </Button>
      }
    />
  );
}

export const compactGrid = "grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6";
export const cardGrid = "grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3";

/** Grey cards in the shape of the ones to come; hidden from screen readers (the section says it is busy). */
export function CardSkeletons({ count, tall = false, grid = compactGrid }: { count: number; tall?: boolean; grid?: string }) {
  return (
    <ul className={grid} aria-hidden>
      {Array.from({ length: count }, (_, i) => (
        <li key={i} className={`animate-pulse rounded-lg border border-stone-200 bg-white p-3 ${tall ? "h-40" : "h-24"}`}>
          <div className="h-4 w-3/4 rounded bg-stone-200" />
          <div className="mt-2 h-3 w-1/2 rounded bg-stone-200/70" />
          {tall && <div className="mt-6 h-8 w-full rounded bg-stone-200/60" />}
        </li>
      ))}
    </ul>
  );
}

export function movieHref(movieId: string) {
  return `/movies/${encodeURIComponent(movieId)}`;
}

/** A small card: the title as its one link, a line of detail, genres. */
export function CompactMovieCard({ movieId, title, detail, genres }: { movieId: string; title: string; detail?: string; genres?: string[] }) {
  return (
    <Link href={movieHref(movieId)} className="block h-full rounded-lg border border-stone-200 bg-white p-3 shadow-sm transition hover:border-brand-500 hover:shadow">
      <p className="line-clamp-2 text-sm font-medium text-stone-900">{title}</p>
      {detail && <p className="mt-1 text-xs text-stone-600">{detail}</p>}
      {genres && genres.length > 0 && <p className="mt-1 truncate text-xs text-stone-500">{genres.slice(0, 3).join(" · ")}</p>}
    </Link>
  );
}

/** A popular movie's average rating and how many people it reached. */
export function popularityDetail(m: { averageRating: number | null; interactions: number }): string {
  return [m.averageRating !== null ? `${m.averageRating.toFixed(1)} ★` : null, `${m.interactions.toLocaleString("en-US")} ${m.interactions === 1 ? "viewer" : "viewers"}`].filter(Boolean).join(" · ");
}

/** Popular movies as compact cards, each with its average rating and how many people it reached. */
export function PopularMovieGrid({ items }: { items: { movieId: string; title: string; genres: string[]; averageRating: number | null; interactions: number }[] }) {
  return (
    <ul className={compactGrid}>
      {items.map((m) => (
        <li key={m.movieId}>
          <CompactMovieCard movieId={m.movieId} title={m.title} detail={popularityDetail(m)} genres={m.genres} />
        </li>
      ))}
    </ul>
  );
}
