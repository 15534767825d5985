import http from "node:http";

// Load generators over HTTP on loopback: closed loop (a fixed number of clients, each sending as
// soon as it is answered: throughput) and open loop (a fixed schedule whatever the answers:
// latency at a rate). Both return every answered request's latency.

/** One request a generator sends: a JSON POST, or a GET when it has no body. */
export interface BenchRequest {
  path: string;
  body?: Buffer;
  /** Events in the request (1 for a single event): what a rate per event counts. */
  events: number;
}

/** How a request was answered: status 0 when there was no answer (refused, reset, timed out). */
export interface Answer {
  status: number;
  body: string;
  ms: number;
}

/** What a phase of load did. Latencies are of the 2xx answers only; the rest count as errors. */
export interface PhaseResult {
  requests: number;
  errors: number;
  seconds: number;
  latencies: number[];
  statuses: Map<number, number>;
}

/** Sends JSON POSTs (and bodiless GETs) to one server on 127.0.0.1 over keep-alive connections, with the same headers each time. */
export interface LoadClient {
  post(request: BenchRequest, startedAt?: number): Promise<Answer>;
  /** Closes its connections. */
  close(): void;
}

/** A client with at most `maxSockets` connections open (so at most that many requests in flight). */
export function createLoadClient(options: { port: number; headers?: Record<string, string>; maxSockets: number }): LoadClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.maxSockets });
  const headers = options.headers ?? {};
  return {
    // Latency counts from `startedAt`: the scheduled time in open-loop runs, so queueing counts.
    post(request, startedAt = performance.now()) {
      return new Promise((resolve) => {
        const fail = () => resolve({ status: 0, body: "", ms: performance.now() - startedAt });
        const req = http.request(
          {
            host: "127.0.0.1",
            port: options.port,
            path: request.path,
            method: request.body ? "POST" : "GET",
            agent,
            headers: request.body ? { ...headers, "content-type": "application/json", "content-length": String(request.body.length) } : headers,
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), ms: performance.now() - startedAt }));
            res.on("error", fail);
          },
        );
        req.on("error", fail);
        req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
        req.end(request.body);
      });
    },
    close: () => agent.destroy(),
  };
}

/** `concurrency` clients, each sending its next request as soon as the last one is answered, for `seconds`. */
export async function closedLoop<R extends BenchRequest>(
  client: LoadClient,
  options: { concurrency: number; seconds: number },
  next: () => R,
  onAnswer: (request: R, answer: Answer) => void = () => {},
): Promise<PhaseResult> {
  const result = emptyResult();
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (performance.now() < deadline) {
        const request = next();
        const answer = await client.post(request);
        record(result, answer);
        onAnswer(request, answer);
      }
    }),
  );
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

/**
 * Sends on a fixed schedule whatever the answers (open loop): request i goes at start + i/rate,
 * and its latency is counted from then, so a slow answer cannot hide the ones queued behind it.
 * `maxLagMs` is the most this process fell behind its own schedule (its own stalls count too).
 */
export async function openLoop<R extends BenchRequest>(
  client: LoadClient,
  options: { rate: number; seconds: number },
  next: () => R,
  onAnswer: (request: R, answer: Answer) => void = () => {},
): Promise<PhaseResult & { maxLagMs: number }> {
  const result = { ...emptyResult(), maxLagMs: 0 };
  const total = Math.round(options.rate * options.seconds);
  const period = 1000 / options.rate;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + i * period;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    result.maxLagMs = Math.max(result.maxLagMs, performance.now() - due);
    const request = next();
    inFlight.push(
      client.post(request, due).then((answer) => {
        record(result, answer);
        onAnswer(request, answer);
      }),
    );
  }
  await Promise.all(inFlight);
  result.seconds = (performance.now() - started) / 1000;
  return result;
}

/** Successful requests per second of a phase, times what each carried (events per request). */
export function ratePerSecond(result: PhaseResult, perRequest = 1): number {
  return ((result.requests - result.errors) * perRequest) / result.seconds;
}

function emptyResult(): PhaseResult {
  return { requests: 0, errors: 0, seconds: 0, latencies: [], statuses: new Map() };
}

function record(result: PhaseResult, answer: Answer) {
  result.requests++;
  result.statuses.set(answer.status, (result.statuses.get(answer.status) ?? 0) + 1);
  if (answer.status < 200 || answer.status >= 300) result.errors++;
  else result.latencies.push(answer.ms);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
