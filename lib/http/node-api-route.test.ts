import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { serveNode, type NodeServer } from "@/test/node-server";
import { nodeApiRoute } from "./node-api-route";

/**
 * The adapter that serves app/-style handlers from pages/api, over real HTTP: what the handler
 * sees of the request, what the client gets of the response, and what never reaches the handler.
 */

let calls = 0;
async function inspect(request: Request): Promise<Response> {
  calls++;
  const url = new URL(request.url);
  const body = await request.text();
  if (body === "crash") throw new Error("a bug in the handler");
  if (body === "refuse") throw new AppError("bad_request:validation", "Invalid name", { fields: { name: "Required" } });
  const headers = new Headers({ "content-type": "application/json", "x-seen": "yes" });
  headers.append("set-cookie", "a=1; Path=/");
  headers.append("set-cookie", "b=2; Path=/");
  return Response.json({ method: request.method, path: url.pathname, query: url.searchParams.get("q"), token: request.headers.get("authorization"), body }, { status: 201, headers });
}

// The handlers of apiRoute answer their own errors; a bare one here shows the adapter's last resort.
const route = nodeApiRoute({ POST: inspect }, { maxBodyBytes: 64 });
let server: NodeServer;
beforeAll(async () => {
  server = await serveNode(route);
});
afterAll(() => server.close());

const post = (body: string, init: RequestInit = {}) => fetch(`${server.origin}/api/things?q=heat`, { method: "POST", body, ...init });

describe("nodeApiRoute", () => {
  it("hands the handler the method, path, query, headers and body, and sends back its status, headers, cookies and body", async () => {
    const response = await post("hello", { headers: { authorization: "Bearer t0k3n" } });
    expect(response.status).toBe(201);
    expect(response.headers.get("x-seen")).toBe("yes");
    expect(response.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    const text = await response.text();
    expect(response.headers.get("content-length")).toBe(String(Buffer.byteLength(text)));
    expect(JSON.parse(text)).toEqual({ method: "POST", path: "/api/things", query: "heat", token: "Bearer t0k3n", body: "hello" });
  });

  it("lets a handler read the body in any way a Request offers", async () => {
    const readers = {
      json: (r: Request) => r.json(),
      arrayBuffer: async (r: Request) => JSON.parse(Buffer.from(await r.arrayBuffer()).toString()),
      stream: async (r: Request) => JSON.parse(await new Response(r.body).text()),
      clone: async (r: Request) => r.clone().json(),
    };
    for (const [how, read] of Object.entries(readers)) {
      const readerRoute = nodeApiRoute({ PUT: async (request) => Response.json({ got: await read(request) }) }, { maxBodyBytes: 64 });
      const readerServer = await serveNode(readerRoute);
      try {
        const response = await fetch(`${readerServer.origin}/api/things`, { method: "PUT", body: JSON.stringify({ how }) });
        expect(await response.json(), how).toMatchObject({ got: { how } });
      } finally {
        await readerServer.close();
      }
    }
  });

  it("hands a route's dynamic segments to the handler as App Router params, decoded and apart from the query string", async () => {
    const paramsRoute = nodeApiRoute({ GET: async (_request, segment) => Response.json(await segment!.params) }, { maxBodyBytes: 0, route: "/api/things/[thingId]/parts/[partId]" });
    const paramsServer = await serveNode(paramsRoute);
    try {
      const response = await fetch(`${paramsServer.origin}/api/things/heat%201995/parts/7?thingId=forged`);
      expect(await response.json()).toEqual({ thingId: "heat 1995", partId: "7" });
    } finally {
      await paramsServer.close();
    }
  });

  it("answers a method the route does not serve with 405 and the methods it does", async () => {
    const before = calls;
    const response = await fetch(`${server.origin}/api/things`);
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("OPTIONS, POST");
    expect((await response.json()).error.code).toBe("method_not_allowed");
    const options = await fetch(`${server.origin}/api/things`, { method: "OPTIONS" });
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("OPTIONS, POST");
    expect(calls).toBe(before);
  });

  it("refuses a body over the limit with 413 naming the body, without calling the handler", async () => {
    const before = calls;
    const response = await post("x".repeat(65));
    expect(response.status).toBe(413);
    expect((await response.json()).error).toMatchObject({ code: "payload_too_large", fields: { body: "Too large" } });
    // Sent in chunks, with no length declared up front: counted as it arrives.
    const chunked = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode("x".repeat(10)));
        controller.close();
      },
    });
    const streamed = await post("", { body: chunked, duplex: "half" } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(calls).toBe(before);
  });

  it("passes the handler's own errors through, and turns an unexpected throw into a generic 500 JSON", async () => {
    const refused = await post("refuse");
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.fields).toEqual({ name: "Required" });
    const crashed = await post("crash");
    expect(crashed.status).toBe(500);
    expect((await crashed.json()).error).toEqual({ code: "internal", message: "Something went wrong on our side. It has been logged." });
    // The server is still up for the next request.
    expect((await post("again")).status).toBe(201);
  });
});
