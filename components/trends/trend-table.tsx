"use client";

import Link from "next/link";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/ui/table";
import type { TrendPage, TrendSort } from "./api";
import { ExternalScore } from "./external-score";
import { RowActions } from "./row-actions";
import { Sparkline } from "./sparkline";

const windowLabel = { "24h": "24 h", "7d": "7 days" } as const;

function score(value: number | null, digits = 1) {
  return value === null ? <span className="text-stone-500">—</span> : value.toFixed(digits);
}

/**
 * The dashboard's table. On a phone it keeps the rank, the movie (with its scores in one line
 * under the title) and the sparkline; wider screens get a column per score.
 */
export function TrendTable({ page, canManage, onSort, busy }: { page: TrendPage; canManage: boolean; onSort(sort: TrendSort): void; busy: boolean }) {
  const days = page.items[0]?.daily.map((d) => d.day) ?? [];
  const sortHeader = (value: TrendSort, label: string, className = "") => (
    <Th className={`text-right ${className}`} aria-sort={page.sort === value ? "descending" : undefined}>
      <button type="button" onClick={() => onSort(value)} className={`inline-flex items-center gap-1 uppercase ${page.sort === value ? "text-stone-900" : "hover:text-stone-900"}`}>
        {label}
        <span aria-hidden>{page.sort === value ? "▼" : ""}</span>
      </button>
    </Th>
  );
  return (
    <Table caption={`Trending movies, by ${page.sort === "final" ? "final score" : page.sort === "trending" ? "trending now" : "views"}`} busy={busy}>
      <THead>
        <Th className="w-8 text-right">#</Th>
        <Th>Movie</Th>
        {sortHeader("final", "Final", "hidden sm:table-cell")}
        {sortHeader("trending", "Trending", "hidden sm:table-cell")}
        {sortHeader("views", "Views", "hidden sm:table-cell")}
        <Th className="hidden lg:table-cell">External score</Th>
        <Th>
          <span className="sm:hidden">14 days</span>
          <span className="hidden sm:inline">Last 14 days</span>
        </Th>
      </THead>
      <TBody>
        {page.items.map((item, i) => (
          <Tr key={item.movieId} data-movie-id={item.movieId}>
            <Td className="text-right tabular-nums text-stone-500">{page.offset + i + 1}</Td>
            <Td className="min-w-44">
              <Link href={`/movies/${encodeURIComponent(item.movieId)}`} className="font-medium text-stone-900 hover:text-brand-700 hover:underline">
                {item.title}
              </Link>
              <span className="block text-xs text-stone-500">{[item.year, item.genres.slice(0, 3).join(", ")].filter(Boolean).join(" · ")}</span>
              {/* Phones: the score columns are hidden, so the numbers sit under the title. */}
              <dl className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-stone-700 sm:hidden">
                <div className="flex gap-1">
                  <dt className="text-stone-500">Final</dt>
                  <dd className="font-medium tabular-nums">{score(item.finalScore)}</dd>
                </div>
                <div className="flex gap-1">
                  <dt className="text-stone-500">Trending</dt>
                  <dd className="font-medium tabular-nums">{item.trendingScore.toFixed(2)}</dd>
                </div>
                <div className="flex gap-1">
                  <dt className="text-stone-500">Views</dt>
                  <dd className="font-medium tabular-nums">{item.views.toLocaleString()}</dd>
                </div>
              </dl>
              <div className="mt-1 lg:hidden">
                <ExternalScore item={item} />
              </div>
              {canManage && <RowActions item={item} />}
            </Td>
            <Td className="hidden text-right text-base font-semibold tabular-nums sm:table-cell" data-testid="final-score">
              {score(item.finalScore)}
            </Td>
            <Td className="hidden text-right tabular-nums sm:table-cell" data-testid="trending-score">
              {item.trendingScore.toFixed(2)}
            </Td>
            <Td className="hidden text-right tabular-nums sm:table-cell">
              <span data-testid="views">{item.views.toLocaleString()}</span>
              <span className="block whitespace-nowrap text-xs text-stone-500">
                {item.viewsInWindow.toLocaleString()} in {windowLabel[page.window]}
              </span>
            </Td>
            <Td className="hidden lg:table-cell">
              <ExternalScore item={item} />
            </Td>
            <Td>
              <Sparkline values={item.daily.map((d) => d.views)} days={days} />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
