import "server-only";
import { z } from "zod";

/**
 * The Movie Database (TMDB) v3 "movie details" call, with the answers the trend jobs act on told
 * apart: found, gone (404), refused (other 4xx: a bad key, a bad id — retrying will not help), and
 * temporarily unavailable (5xx, 429, network errors, timeouts — worth retrying).
 */

export const DEFAULT_TMDB_TIMEOUT_MS = 8_000;

const tmdbMovieSchema = z.object({
  title: z.string(),
  vote_average: z.number().min(0).max(10),
  release_date: z.string().nullish(),
  runtime: z.number().int().nullish(),
  overview: z.string().nullish(),
  genres: z.array(z.object({ name: z.string() })).nullish(),
});

export interface TmdbMovie {
  title: string;
  voteAverage: number;
  /** YYYY-MM-DD, or null when TMDB has none (it sends ""). */
  releaseDate: string | null;
  runtimeMinutes: number | null;
  overview: string;
  genres: string[];
}

export type TmdbLookup =
  | { kind: "found"; movie: TmdbMovie }
  | { kind: "missing"; message: string }
  | { kind: "refused"; status: number; message: string }
  | { kind: "unavailable"; message: string };

export interface TmdbClientOptions {
  baseUrl: string;
  /** A v3 API key, or a v4 read access token (a JWT), which goes in the Authorization header. */
  apiKey: string;
  fetch?: typeof globalThis.fetch;
  timeoutMs?: number;
}

export interface TmdbClient {
  getMovie(tmdbId: number): Promise<TmdbLookup>;
}

const JWT_PATTERN = /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/;

export function isV4Token(apiKey: string): boolean {
  return JWT_PATTERN.test(apiKey);
}

export function createTmdbClient(options: TmdbClientOptions): TmdbClient {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TMDB_TIMEOUT_MS;
  const base = options.baseUrl.replace(/\/+$/, "");
  const bearer = isV4Token(options.apiKey);

  return {
    async getMovie(tmdbId) {
      const url = new URL(`${base}/movie/${encodeURIComponent(String(tmdbId))}`);
      if (!bearer) url.searchParams.set("api_key", options.apiKey);
      const headers: Record<string, string> = { accept: "application/json" };
      if (bearer) headers.authorization = `Bearer ${options.apiKey}`;

      let response: Response;
      let text: string;
      try {
        // The timeout covers the body too: a server that sends headers and then stalls is as bad.
        const signal = AbortSignal.timeout(timeoutMs);
        response = await fetchImpl(url, { headers, signal });
        text = await response.text();
      } catch (error) {
        // Never echo the URL: it carries the key.
        const name = (error as { name?: string }).name;
        if (name === "TimeoutError" || name === "AbortError") return { kind: "unavailable", message: `TMDB did not answer within ${timeoutMs / 1000} s` };
        return { kind: "unavailable", message: `Could not reach TMDB: ${networkReason(error)}` };
      }

      if (response.status === 404) return { kind: "missing", message: `TMDB has no movie with id ${tmdbId} (404${statusMessage(text)})` };
      if (response.status >= 500 || response.status === 429 || response.status === 408) {
        return { kind: "unavailable", message: `TMDB answered ${response.status}${statusMessage(text)}` };
      }
      if (!response.ok) {
        const hint = response.status === 401 ? "; check TMDB_API_KEY" : "";
        return { kind: "refused", status: response.status, message: `TMDB refused the request with ${response.status}${statusMessage(text)}${hint}` };
      }

      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return { kind: "refused", status: response.status, message: "TMDB answered with a body that is not JSON" };
      }
      const parsed = tmdbMovieSchema.safeParse(body);
      if (!parsed.success) {
        const fields = [...new Set(parsed.error.issues.map((i) => i.path.join(".") || "body"))].join(", ");
        return { kind: "refused", status: response.status, message: `TMDB answered with an unexpected body (${fields})` };
      }
      return { kind: "found", movie: toTmdbMovie(parsed.data) };
    },
  };
}

function toTmdbMovie(raw: z.infer<typeof tmdbMovieSchema>): TmdbMovie {
  const releaseDate = raw.release_date && /^\d{4}-\d{2}-\d{2}$/.test(raw.release_date) ? raw.release_date : null;
  return {
    title: raw.title.trim(),
    voteAverage: raw.vote_average,
    releaseDate,
    runtimeMinutes: raw.runtime && raw.runtime > 0 ? raw.runtime : null,
    overview: raw.overview?.trim() ?? "",
    genres: (raw.genres ?? []).map((g) => g.name.trim()).filter(Boolean),
  };
}

/** TMDB's own words, from its error body ({"status_message": "..."}), when it sent some. */
function statusMessage(text: string): string {
  try {
    const message = (JSON.parse(text) as { status_message?: unknown }).status_message;
    return typeof message === "string" && message ? `: ${message.slice(0, 200)}` : "";
  } catch {
    return "";
  }
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
