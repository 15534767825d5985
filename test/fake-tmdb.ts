import http from "node:http";
import type { AddressInfo } from "node:net";
import { createTmdbClient, type TmdbClient } from "@/lib/trends/tmdb-client";

export interface FakeTmdb {
  /** A client with a key, as the app has one with TMDB_API_KEY set, pointed at this server. */
  client: TmdbClient;
  /** The paths asked for so far. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * A real local HTTP server standing in for TMDB, for tests where a key is configured: it knows no
 * movie (404 to everything) and records what it was asked, so a test can tell TMDB was not asked.
 */
export async function startFakeTmdb(): Promise<FakeTmdb> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? "");
    res.writeHead(404, { "content-type": "application/json" });
    res.end(JSON.stringify({ status_code: 34, status_message: "The resource you requested could not be found." }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/3`;
  return {
    client: createTmdbClient({ baseUrl, apiKey: "test-key", timeoutMs: 1_000 }),
    requests,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
