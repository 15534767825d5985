import { afterEach, describe, expect, it } from "vitest";
import { serveNode, type NodeServer } from "@/test/node-server";
import { createSimulationHttp } from "./http-client";

/** The client's retries and reports, against real HTTP servers that misbehave on purpose. */
let server: NodeServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

const noWait = async () => {};

describe("the simulation's HTTP client", () => {
  it("retries a 5xx and an unanswered request until it gets an answer", async () => {
    let attempts = 0;
    server = await serveNode((req, res) => {
      attempts++;
      if (attempts === 1) return; // never answers: the client times out
      res.setHeader("content-type", "application/json");
      if (attempts <= 3) {
        res.statusCode = 503;
        res.setHeader("retry-after", "0");
        return void res.end(JSON.stringify({ error: { code: "unavailable:database", message: "stalled" } }));
      }
      res.statusCode = 201;
      res.end(JSON.stringify({ status: "recorded" }));
    });
    const http = createSimulationHttp({ baseUrl: server.origin, token: "t", timeoutMs: 300, sleep: noWait });
    const outcome = await http.send({ method: "POST", path: "/api/v1/feedback", endpoint: "POST /api/v1/feedback", body: {} });
    expect(outcome).toEqual({ ok: true, status: 201, body: { status: "recorded" } });
    expect(attempts).toBe(4);
    expect(http.stats().retries).toBe(3);
  });

  it("gives up after its retries and counts the failure, without throwing", async () => {
    server = await serveNode((_req, res) => {
      res.statusCode = 500;
      res.end("boom");
    });
    const http = createSimulationHttp({ baseUrl: server.origin, token: "t", retries: 2, sleep: noWait });
    const outcome = await http.send({ method: "GET", path: "/x", endpoint: "GET /x" });
    expect(outcome).toMatchObject({ ok: false, status: 500 });
    expect(http.stats().failed.get("GET /x")).toBe(1);
  });

  it("does not retry a 4xx and reports it by endpoint, status and code, with its message", async () => {
    let attempts = 0;
    server = await serveNode((req, res) => {
      attempts++;
      res.statusCode = 422;
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ error: { code: "unprocessable:feedback", message: "Not in the list" } }));
    });
    const http = createSimulationHttp({ baseUrl: server.origin, token: "t", sleep: noWait });
    for (let i = 0; i < 2; i++) await http.send({ method: "POST", path: "/api/v1/feedback", endpoint: "POST /api/v1/feedback", body: {} });
    expect(attempts).toBe(2);
    expect(http.stats().refused).toEqual([{ endpoint: "POST /api/v1/feedback", status: 422, code: "unprocessable:feedback", count: 2, message: "Not in the list" }]);
  });
});
