import type { SeatMap } from "@/lib/theaters/seat-map";

export type { ListPage } from "@/lib/http/pagination";

/** What the admin pages get back from the JSON API (dates arrive as ISO strings). */

export interface Movie {
  id: string;
  title: string;
  year: number | null;
  runtimeMinutes: number | null;
  genres: string[];
  overview: string;
  releaseDate: string | null;
  tmdbId: number | null;
  imdbId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface TheaterSummary {
  id: string;
  name: string;
  city: string;
  timeZone: string;
  turnoverMinutes: number;
  seatCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface Theater extends TheaterSummary {
  seatMap: SeatMap;
}

export interface AdminUser {
  id: string;
  email: string | null;
  role: "admin" | "viewer";
  displayName: string;
  createdAt: string;
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdByEmail?: string | null;
}

export interface CreatedApiToken extends ApiToken {
  /** The secret: in the create response only, never again. */
  token: string;
}
