"use client";

import Link from "next/link";
import type { MouseEvent, ReactNode } from "react";
import { movieHref } from "./movie-shelf";
import type { Reaction } from "./use-list-feedback";

/**
 * One movie of a logged list (recommended for the viewer, similar to a movie, popular in their
 * genres): its title (the card's one link, stretched over the card), a line of detail (how well
 * it matches), a note (why, or its genres), and the viewer's reactions as toggle buttons named for
 * the movie. Pressing a pressed Like takes the like back.
 */
export function RecommendationCard({
  title,
  movieId,
  detail,
  note,
  liked,
  onOpen,
  onReact,
}: {
  title: string;
  movieId: string;
  detail?: string;
  note?: string;
  liked: boolean;
  onOpen: () => void;
  onReact: (kind: Reaction, event: MouseEvent<HTMLButtonElement>) => void;
}) {
  return (
    <article className="relative flex h-full flex-col rounded-lg border border-stone-200 bg-white p-4 shadow-sm transition hover:border-brand-500 hover:shadow">
      <h3 className="font-medium text-stone-900">
        <Link
          href={movieHref(movieId)}
          onClick={onOpen}
          className="after:absolute after:inset-0 after:rounded-lg focus-visible:outline-none focus-visible:after:outline-2 focus-visible:after:outline-offset-2 focus-visible:after:outline-brand-600"
        >
          {title}
        </Link>
      </h3>
      {detail && <p className="mt-1 text-xs font-medium text-brand-700">{detail}</p>}
      <p className="mt-2 flex-1 text-sm text-stone-600">{note}</p>
      {/* Above the stretched link, so the buttons get their own clicks. */}
      <div className="relative z-10 mt-3 flex flex-wrap gap-2">
        <ReactionButton pressed={liked} label={`Like ${title}`} onClick={(e) => onReact(liked ? "clear" : "like", e)} tone="like" icon={<ThumbIcon />}>
          Like
        </ReactionButton>
        <ReactionButton pressed={false} label={`Dislike ${title}`} onClick={(e) => onReact("dislike", e)} tone="dislike" icon={<ThumbIcon down />}>
          Dislike
        </ReactionButton>
        <ReactionButton pressed={false} label={`Not interested in ${title}`} onClick={(e) => onReact("not_interested", e)} tone="dislike" icon={<HideIcon />}>
          Not interested
        </ReactionButton>
      </div>
    </article>
  );
}

function ReactionButton({ pressed, label, onClick, tone, icon, children }: { pressed: boolean; label: string; onClick: (event: MouseEvent<HTMLButtonElement>) => void; tone: "like" | "dislike"; icon: ReactNode; children: ReactNode }) {
  const on = tone === "like" ? "bg-emerald-50 text-emerald-800 ring-emerald-300" : "bg-stone-200 text-stone-900 ring-stone-400";
  return (
    <button
      type="button"
      aria-pressed={pressed}
      aria-label={label}
      onClick={onClick}
      className={`inline-flex min-h-9 items-center gap-1.5 rounded-md px-2.5 py-1.5 text-sm font-medium ring-1 transition-colors ${pressed ? on : "bg-white text-stone-700 ring-stone-300 hover:bg-stone-100"}`}
    >
      {icon}
      {children}
    </button>
  );
}

function ThumbIcon({ down = false }: { down?: boolean }) {
  return (
    <svg viewBox="0 0 24 24" className={`h-4 w-4 ${down ? "rotate-180" : ""}`} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" aria-hidden>
      <path d="M7 10v10H4V10h3zm0 0l4-7c1.3 0 2.2 1 2 2.3L12.5 9H19a2 2 0 0 1 2 2.3l-1.2 7A2 2 0 0 1 17.8 20H7" />
    </svg>
  );
}

function HideIcon() {
  return (
    <svg viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" aria-hidden>
      <circle cx="12" cy="12" r="8.5" />
      <path d="M6 6l12 12" />
    </svg>
  );
}
