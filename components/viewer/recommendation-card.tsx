"use client";

import Link from "next/link";
import type { ShownList } from "./recs-api";
import { movieHref } from "./movie-shelf";

type Item = ShownList["recommendations"][number];

function sentence(reason: string) {
  return reason.charAt(0).toUpperCase() + reason.slice(1);
}

/** One recommended movie: its title (the card's one link, stretched over the card), how well it matches, and why. */
export function RecommendationCard({ item }: { item: Item }) {
  const match = Math.round(item.score * 100);
  return (
    <article className="relative flex h-full flex-col rounded-lg border border-stone-200 bg-white p-4 shadow-sm transition focus-within:border-brand-500 hover:border-brand-500 hover:shadow">
      <h3 className="font-medium text-stone-900">
        <Link href={movieHref(item.movieId)} className="after:absolute after:inset-0 after:rounded-lg focus-visible:outline-none focus-visible:after:outline-2 focus-visible:after:outline-offset-2 focus-visible:after:outline-brand-600">
          {item.title}
        </Link>
      </h3>
      <p className="mt-1 text-xs font-medium text-brand-700">{match}% match</p>
      {item.reasons.length > 0 && <p className="mt-2 flex-1 text-sm text-stone-600">{item.reasons.map(sentence).join(" · ")}</p>}
    </article>
  );
}
