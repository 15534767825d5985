"use client";

import { useQueries, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useMemo, useState, type ReactNode } from "react";
import { ErrorState } from "@/components/ui/states";
import type { Movie } from "@/lib/catalog/contract";
import { apiFetch } from "@/lib/client/api-client";
import { formatWatchTime, genreShares, movieIdsShown, recentRatings, timeAgo, type ViewerFeatures } from "@/lib/viewer/activity";
import { ratingLabel } from "@/lib/viewer/half-stars";

// The worker updates features within a second or two of an event; look again this often.
const REFRESH_MS = 3_000;
const LIST = 10;

/**
 * The signed-in viewer's features as GET /api/v1/features/{userId} answers them, refreshed while
 * the page is open, so what they just did shows up here once the event worker has processed it.
 */
export function ActivityDashboard({ userId, initial, initialTitles, renderedAt }: { userId: string; initial: ViewerFeatures; initialTitles: Record<string, string>; renderedAt: string }) {
  const features = useQuery({
    queryKey: ["features", userId],
    queryFn: ({ signal }) => apiFetch<ViewerFeatures>(`/api/v1/features/${encodeURIComponent(userId)}`, { signal }),
    initialData: initial,
    refetchInterval: REFRESH_MS,
    staleTime: 0,
  });
  const f = features.data;
  const titles = useMovieTitles(movieIdsShown(f, LIST), initialTitles);
  const now = useNow(renderedAt);

  const counts = f.interactionCounts;
  const nothingYet = counts.watch + counts.search + counts.rating + counts.favorite === 0;
  const title = (id: string) => (
    <Link href={`/movies/${encodeURIComponent(id)}`} className="font-medium text-stone-900 hover:text-brand-700 hover:underline">
      {titles[id] ?? `Movie ${id}`}
    </Link>
  );

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-stone-900">Your activity</h1>
          <p className="mt-1 max-w-2xl text-sm text-stone-600">What Marquee has learned from what you watch, rate, favorite and search. It catches up by itself a few seconds after you do something.</p>
        </div>
        <p className="text-xs text-stone-500" aria-live="polite">
          {f.updatedAt ? <>Updated {timeAgo(f.updatedAt, now)}</> : "Nothing processed yet"}
          {features.isFetching && <span className="ml-2 inline-block h-2 w-2 animate-pulse rounded-full bg-brand-500 align-middle" aria-hidden />}
        </p>
      </div>

      {features.isError && <ErrorState title="Could not refresh your activity" message={features.error.message} />}

      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Stat label="Watched" value={`${f.watchCount} ${f.watchCount === 1 ? "time" : "times"}`} detail={f.watchCount ? `${formatWatchTime(f.totalWatchTime)} in all` : "Nothing yet"} />
        <Stat
          label="Average rating"
          value={f.averageRating === null ? "—" : `${f.averageRating.toFixed(1)} ★`}
          detail={`${Object.keys(f.ratings).length} ${Object.keys(f.ratings).length === 1 ? "movie" : "movies"} rated`}
        />
        <Stat label="Favorites" value={String(f.favorites.length)} detail={`${counts.favorite} ${counts.favorite === 1 ? "change" : "changes"}`} />
        <Stat label="Searches" value={String(counts.search)} detail={f.lastActiveAt ? `Last active ${timeAgo(f.lastActiveAt, now)}` : "Not active yet"} />
      </dl>

      {nothingYet ? (
        <div className="rounded-lg border border-dashed border-stone-300 bg-white px-6 py-10 text-center">
          <p className="font-medium text-stone-800">Nothing here yet</p>
          <p className="mt-2 text-sm text-stone-600">
            <Link href="/" className="text-brand-700 underline">
              Find a movie
            </Link>{" "}
            to watch, rate or add to your favorites, and it shows up here.
          </p>
        </div>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          <Panel title="Recently watched" empty="You have not watched anything yet." items={f.watchHistory.slice(0, LIST)}>
            {(w, i) => (
              <li key={`${w.movieId}-${w.at}-${i}`} className="py-2">
                <div className="flex items-baseline justify-between gap-3">
                  {title(w.movieId)}
                  <span className="whitespace-nowrap text-xs text-stone-500">{timeAgo(w.at, now)}</span>
                </div>
                <div className="mt-1 flex items-center gap-3 text-xs text-stone-600">
                  <span className="h-1.5 w-24 overflow-hidden rounded-full bg-stone-200" aria-hidden>
                    <span className="block h-full bg-brand-500" style={{ width: `${Math.min(100, w.progressPercent)}%` }} />
                  </span>
                  <span>
                    {w.progressPercent} % · {w.watchDuration > 0 ? `${formatWatchTime(w.watchDuration)} watched` : "skipped ahead"}
                  </span>
                </div>
              </li>
            )}
          </Panel>

          <Panel title="Your ratings" empty="You have not rated anything yet." items={recentRatings(f.ratings, LIST)}>
            {(r) => (
              <li key={r.movieId} className="flex items-baseline justify-between gap-3 py-2">
                {title(r.movieId)}
                <span className="whitespace-nowrap text-sm">
                  <span className="font-medium text-amber-700" aria-label={ratingLabel(r.rating)}>
                    {r.rating} ★
                  </span>
                  {f.likedMovies.includes(r.movieId) && <span className="ml-2 rounded bg-emerald-50 px-1.5 py-0.5 text-xs text-emerald-800">liked</span>}
                </span>
              </li>
            )}
          </Panel>

          <Panel title="Favorites" empty="No favorites yet." items={f.favorites.slice(0, LIST)}>
            {(id) => (
              <li key={id} className="flex items-baseline gap-2 py-2">
                <span className="text-rose-600" aria-hidden>
                  ♥
                </span>
                {title(id)}
              </li>
            )}
          </Panel>

          <section aria-labelledby="genres-heading" className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
            <h2 id="genres-heading" className="font-semibold text-stone-900">
              Genre affinity
            </h2>
            {genreShares(f.genreAffinity).length === 0 ? (
              <p className="mt-2 text-sm text-stone-600">Watch, rate or favorite movies to see which genres you lean to.</p>
            ) : (
              <ul className="mt-3 space-y-2">
                {genreShares(f.genreAffinity).map((g) => (
                  <li key={g.genre} className="grid grid-cols-[7rem_1fr_3.5rem] items-center gap-2 text-sm">
                    <span className="truncate text-stone-700">{g.genre}</span>
                    <span className="h-2 overflow-hidden rounded-full bg-stone-100" aria-hidden>
                      <span className="block h-full rounded-full bg-brand-500" style={{ width: `${g.percent}%` }} />
                    </span>
                    <span className="text-right tabular-nums text-stone-600">{g.percent} %</span>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section aria-labelledby="search-heading" className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm lg:col-span-2">
            <h2 id="search-heading" className="font-semibold text-stone-900">
              Searches
            </h2>
            {f.topKeywords.length === 0 ? (
              <p className="mt-2 text-sm text-stone-600">Search the movie list and your most used words show up here.</p>
            ) : (
              <>
                <p className="mt-3 flex flex-wrap gap-1.5" aria-label="Top keywords">
                  {f.topKeywords.map((k) => (
                    <span key={k.keyword} className="rounded-full bg-stone-100 px-2.5 py-0.5 text-sm text-stone-800">
                      {k.keyword} <span className="text-stone-500">×{k.count}</span>
                    </span>
                  ))}
                </p>
                <ul className="mt-3 divide-y divide-stone-100 text-sm">
                  {f.searchHistory.slice(0, 5).map((s, i) => (
                    <li key={`${s.at}-${i}`} className="flex items-baseline justify-between gap-3 py-1.5">
                      <Link href={`/?q=${encodeURIComponent(s.query)}`} className="truncate text-stone-800 hover:text-brand-700 hover:underline">
                        “{s.query}”
                      </Link>
                      <span className="whitespace-nowrap text-xs text-stone-500">{timeAgo(s.at, now)}</span>
                    </li>
                  ))}
                </ul>
              </>
            )}
          </section>
        </div>
      )}
    </div>
  );
}

function Stat({ label, value, detail }: { label: string; value: string; detail: string }) {
  return (
    <div className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
      <dt className="text-xs font-medium uppercase tracking-wide text-stone-500">{label}</dt>
      <dd className="mt-1 text-2xl font-semibold tabular-nums text-stone-900">{value}</dd>
      <dd className="mt-0.5 text-xs text-stone-600">{detail}</dd>
    </div>
  );
}

function Panel<T>({ title, empty, items, children }: { title: string; empty: string; items: T[]; children: (item: T, index: number) => ReactNode }) {
  const id = `panel-${title.toLowerCase().replace(/\W+/g, "-")}`;
  return (
    <section aria-labelledby={id} className="rounded-lg border border-stone-200 bg-white p-4 shadow-sm">
      <h2 id={id} className="font-semibold text-stone-900">
        {title}
      </h2>
      {items.length === 0 ? <p className="mt-2 text-sm text-stone-600">{empty}</p> : <ul className="mt-1 divide-y divide-stone-100">{items.map(children)}</ul>}
    </section>
  );
}

/** Titles for the ids on the page: the ones the server knew, and the rest from the movie API. */
function useMovieTitles(ids: string[], known: Record<string, string>): Record<string, string> {
  const missing = ids.filter((id) => !(id in known));
  const lookups = useQueries({
    queries: missing.map((id) => ({
      queryKey: ["movie-title", id],
      queryFn: ({ signal }: { signal: AbortSignal }) => apiFetch<Movie>(`/api/v1/movies/${encodeURIComponent(id)}`, { signal }),
      staleTime: Infinity,
      retry: false,
    })),
  });
  const found = lookups.map((l) => l.data).filter((m): m is Movie => Boolean(m));
  const key = found.map((m) => m.id).join("|");
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => ({ ...known, ...Object.fromEntries(found.map((m) => [m.id, m.title])) }), [known, key]);
}

/** The current time for "5 min ago", starting from the server's so the first render matches. */
function useNow(renderedAt: string): Date {
  const [now, setNow] = useState(() => new Date(renderedAt));
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 15_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
