import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTmdbClient, isV4Token } from "./tmdb-client";

/** A real HTTP server on 127.0.0.1 standing in for TMDB, answering by movie id. */
let server: http.Server;
let baseUrl: string;
const seen: { path: string; apiKey: string | null; authorization: string | undefined }[] = [];
const hanging = new Set<http.ServerResponse>();

const inception = {
  id: 27205,
  title: "Inception",
  vote_average: 8.4,
  release_date: "2010-07-15",
  runtime: 148,
  overview: "A thief who steals corporate secrets through dream-sharing technology.",
  genres: [{ id: 28, name: "Action" }, { id: 878, name: "Science Fiction" }],
};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    seen.push({ path: url.pathname, apiKey: url.searchParams.get("api_key"), authorization: req.headers.authorization });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    switch (url.pathname) {
      case "/3/movie/27205":
        return send(200, inception);
      case "/3/movie/404":
        return send(404, { success: false, status_code: 34, status_message: "The resource you requested could not be found." });
      case "/3/movie/401":
        return send(401, { success: false, status_code: 7, status_message: "Invalid API key: You must be granted a valid key." });
      case "/3/movie/500":
        return send(500, { status_message: "Internal error" });
      case "/3/movie/odd":
        return send(200, { title: "No score" });
      case "/3/movie/0":
        return send(200, { ...inception, release_date: "", runtime: 0, genres: null, overview: null });
      default:
        // Never answers: the client's timeout has to end it.
        hanging.add(res);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/3`;
});

afterAll(async () => {
  for (const res of hanging) res.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe("the TMDB client", () => {
  it("reads a movie's vote average and details, sending a v3 key as api_key", async () => {
    const client = createTmdbClient({ baseUrl, apiKey: "v3-key" });
    const result = await client.getMovie(27205);
    expect(result).toEqual({
      kind: "found",
      movie: {
        title: "Inception",
        voteAverage: 8.4,
        releaseDate: "2010-07-15",
        runtimeMinutes: 148,
        overview: "A thief who steals corporate secrets through dream-sharing technology.",
        genres: ["Action", "Science Fiction"],
      },
    });
    expect(seen.at(-1)).toEqual({ path: "/3/movie/27205", apiKey: "v3-key", authorization: undefined });
  });

  it("sends a v4 read access token as a bearer token instead", async () => {
    const token = "eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ4In0.c2lnbmF0dXJl";
    expect(isV4Token(token)).toBe(true);
    expect(isV4Token("0123456789abcdef")).toBe(false);
    const result = await createTmdbClient({ baseUrl: `${baseUrl}/`, apiKey: token }).getMovie(27205);
    expect(result.kind).toBe("found");
    expect(seen.at(-1)).toEqual({ path: "/3/movie/27205", apiKey: null, authorization: `Bearer ${token}` });
  });

  it("turns TMDB's empty strings and zeros into missing details", async () => {
    const result = await createTmdbClient({ baseUrl, apiKey: "k" }).getMovie(0);
    expect(result).toMatchObject({ kind: "found", movie: { releaseDate: null, runtimeMinutes: null, genres: [], overview: "" } });
  });

  it("reports a 404 as missing, with TMDB's words", async () => {
    const result = await createTmdbClient({ baseUrl, apiKey: "k" }).getMovie(404);
    expect(result).toEqual({ kind: "missing", message: "TMDB has no movie with id 404 (404: The resource you requested could not be found.)" });
  });

  it("reports another 4xx as refused, not worth retrying, without leaking the key", async () => {
    const result = await createTmdbClient({ baseUrl, apiKey: "secret-key" }).getMovie(401);
    expect(result).toMatchObject({ kind: "refused", status: 401 });
    expect(JSON.stringify(result)).toContain("check TMDB_API_KEY");
    expect(JSON.stringify(result)).not.toContain("secret-key");
  });

  it("reports a 5xx as unavailable, worth retrying", async () => {
    expect(await createTmdbClient({ baseUrl, apiKey: "k" }).getMovie(500)).toEqual({ kind: "unavailable", message: "TMDB answered 500: Internal error" });
  });

  it("gives up on a server that never answers after the timeout, as unavailable", async () => {
    const started = Date.now();
    const result = await createTmdbClient({ baseUrl, apiKey: "k", timeoutMs: 300 }).getMovie(999);
    expect(result).toEqual({ kind: "unavailable", message: "TMDB did not answer within 0.3 s" });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("reports a refused connection as unavailable", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const result = await createTmdbClient({ baseUrl: `http://127.0.0.1:${port}/3`, apiKey: "k" }).getMovie(1);
    expect(result).toEqual({ kind: "unavailable", message: "Could not reach TMDB: ECONNREFUSED" });
  });

  it("refuses a 200 whose body lacks the vote average, naming the field", async () => {
    expect(await createTmdbClient({ baseUrl, apiKey: "k" }).getMovie("odd" as unknown as number)).toEqual({
      kind: "refused",
      status: 200,
      message: "TMDB answered with an unexpected body (vote_average)",
    });
  });
});
