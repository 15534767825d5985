import http from "node:http";
import https from "node:https";

/**
 * The simulation's HTTP client: JSON over /api with a Bearer token, on node:http with connections
 * kept alive. Not fetch: on the app's own machine the client's CPU is taken from the app, and
 * fetch costs more per request than node:http. It asks for no compression: a replay client on the
 * app's network gains nothing from it, and both sides would pay for it. A timeout, a refused connection,
 * a 5xx or a 429 is retried with exponential backoff (honouring Retry-After); a 4xx is not retried
 * and is kept, by endpoint, status and error code, for the report. Every answer's latency is kept
 * per endpoint, as seen from the client.
 */

export interface SimulationRequest {
  method: "GET" | "POST" | "PATCH";
  path: string;
  /** The endpoint as the app's metrics name it: "GET /api/v1/recommend/[userId]". */
  endpoint: string;
  body?: unknown;
}

export type SimulationOutcome =
  | { ok: true; status: number; body: unknown }
  /** status 0: no answer (timeout or network) after every retry. */
  | { ok: false; status: number; code: string; message: string };

export interface SimulationHttp {
  send(request: SimulationRequest): Promise<SimulationOutcome>;
  stats(): HttpStats;
}

export interface RefusedRequests {
  endpoint: string;
  status: number;
  code: string;
  count: number;
  /** The first message received, as an example. */
  message: string;
}

export interface HttpStats {
  /** Per endpoint: latency of every answered request in ms (the last attempt of each). */
  latencies: Map<string, number[]>;
  requests: number;
  retries: number;
  /** 4xx answers, grouped. */
  refused: RefusedRequests[];
  /** Requests that still failed (5xx or no answer) after every retry, by endpoint. */
  failed: Map<string, number>;
}

export interface HttpClientOptions {
  baseUrl: string;
  token: string;
  /** Per attempt (default 30 s). */
  timeoutMs?: number;
  /** Attempts after the first (default 5). */
  retries?: number;
  /** First backoff (default 200 ms), doubled each retry, with jitter. */
  backoffMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

interface RawAnswer {
  status: number;
  contentType: string;
  retryAfter: string | null;
  text: string;
}

class TimeoutError extends Error {
  override name = "TimeoutError";
}

/** Sends one request and reads the whole answer as text; rejects on a network error or when no full answer came within `timeoutMs`. */
function requester(baseUrl: string) {
  const base = new URL(baseUrl);
  const secure = base.protocol === "https:";
  const agent = secure ? new https.Agent({ keepAlive: true }) : new http.Agent({ keepAlive: true });
  const prefix = base.pathname.replace(/\/+$/, "");
  return (request: { method: string; path: string; headers: Record<string, string>; body?: string; timeoutMs: number }) =>
    new Promise<RawAnswer>((resolve, reject) => {
      const options = { agent, host: base.hostname, port: base.port || undefined, method: request.method, path: prefix + request.path, headers: request.headers };
      const req = (secure ? https : http).request(options, (res) => {
        res.setEncoding("utf8");
        let text = "";
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, contentType: res.headers["content-type"] ?? "", retryAfter: (res.headers["retry-after"] as string | undefined) ?? null, text }));
        res.on("error", reject);
      });
      req.setTimeout(request.timeoutMs, () => req.destroy(new TimeoutError(`No answer within ${request.timeoutMs} ms`)));
      req.on("error", reject);
      req.end(request.body);
    });
}

export function createSimulationHttp(options: HttpClientOptions): SimulationHttp {
  const send = requester(options.baseUrl);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = options.random ?? Math.random;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const retries = options.retries ?? 5;
  const backoffMs = options.backoffMs ?? 200;
  const headers = { authorization: `Bearer ${options.token}`, accept: "application/json" };

  const latencies = new Map<string, number[]>();
  const refused = new Map<string, RefusedRequests>();
  const failed = new Map<string, number>();
  let requests = 0;
  let retried = 0;

  function record(endpoint: string, ms: number) {
    let list = latencies.get(endpoint);
    if (!list) latencies.set(endpoint, (list = []));
    list.push(ms);
  }

  async function attempt(request: SimulationRequest): Promise<{ outcome: SimulationOutcome; retryAfterMs: number | null; retry: boolean }> {
    const started = performance.now();
    let response: RawAnswer;
    try {
      const body = request.body === undefined ? undefined : JSON.stringify(request.body);
      response = await send({ method: request.method, path: request.path, headers: body === undefined ? headers : { ...headers, "content-type": "application/json" }, body, timeoutMs });
    } catch (error) {
      const timedOut = error instanceof TimeoutError;
      return { outcome: { ok: false, status: 0, code: timedOut ? "timeout" : "network", message: timedOut ? `No answer within ${timeoutMs} ms` : String(error) }, retryAfterMs: null, retry: true };
    }
    const { text } = response;
    record(request.endpoint, performance.now() - started);
    let body: unknown = text;
    if (response.contentType.includes("json")) {
      try {
        body = JSON.parse(text);
      } catch {
        // Keep the text: the error below quotes it.
      }
    }
    if (response.status >= 200 && response.status < 300) return { outcome: { ok: true, status: response.status, body }, retryAfterMs: null, retry: false };
    const error = (body as { error?: { code?: string; message?: string } } | null)?.error;
    const outcome = { ok: false as const, status: response.status, code: error?.code ?? `http_${response.status}`, message: error?.message ?? (typeof body === "string" ? body.slice(0, 200) : "") };
    const retryAfter = Number(response.retryAfter);
    return { outcome, retryAfterMs: Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, 30) * 1000 : null, retry: response.status >= 500 || response.status === 429 };
  }

  return {
    async send(request) {
      requests++;
      for (let n = 0; ; n++) {
        const { outcome, retryAfterMs, retry } = await attempt(request);
        if (outcome.ok) return outcome;
        if (!retry) {
          const key = `${request.endpoint} ${outcome.status} ${outcome.code}`;
          const seen = refused.get(key);
          if (seen) seen.count++;
          else refused.set(key, { endpoint: request.endpoint, status: outcome.status, code: outcome.code, count: 1, message: outcome.message });
          return outcome;
        }
        if (n >= retries) {
          failed.set(request.endpoint, (failed.get(request.endpoint) ?? 0) + 1);
          return outcome;
        }
        retried++;
        await sleep(retryAfterMs ?? backoffMs * 2 ** n * (0.5 + random()));
      }
    },
    stats: () => ({ latencies, requests, retries: retried, refused: [...refused.values()], failed }),
  };
}
