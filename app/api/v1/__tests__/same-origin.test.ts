import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { call, sessionFor, tokenFor, type Caller } from "@/test/http";
import * as retry from "../admin/dead-letters/[id]/retry/route";
import * as deadLetters from "../admin/dead-letters/route";
import * as refresh from "../features/[userId]/refresh/route";
import * as refreshExternal from "../trends/movies/[movieId]/refresh-external/route";

/** Issue 13, item 11: a write signed in with the session cookie must come from our own pages. */
let t: TestDatabase;
let admin: Caller;
let viewer: Caller;
beforeAll(async () => {
  t = await createTestDatabase();
  admin = await sessionFor(t.db, "admin");
  viewer = await sessionFor(t.db, "viewer");
});
afterAll(() => t.destroy());

const missingDeadLetter = { id: "999999" };
/** The admin's cookie, with the given request headers instead of our own Origin. */
const adminFrom = (headers: Record<string, string>): Caller => ({ userId: admin.userId, headers: { cookie: admin.headers.cookie!, ...headers } });

describe("cookie-authenticated writes", () => {
  it("refuses a POST without a body from another site, naming the Origin header", async () => {
    const res = await call(retry.POST, { method: "POST", params: missingDeadLetter, as: adminFrom({ origin: "https://evil.example" }) });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden:origin");
    expect(res.body.error.fields).toEqual({ "header.Origin": "Another site" });
    expect(res.body.error.message).toContain("https://evil.example");
  });

  it("refuses one without Origin, and one the browser marks cross-site", async () => {
    const none = await call(retry.POST, { method: "POST", params: missingDeadLetter, as: adminFrom({}) });
    expect(none.status).toBe(403);
    expect(none.body.error.fields).toEqual({ "header.Origin": "Missing" });
    const crossSite = await call(retry.POST, { method: "POST", params: missingDeadLetter, as: adminFrom({ "sec-fetch-site": "cross-site" }) });
    expect(crossSite.body.error.code).toBe("forbidden:origin");
    const refreshed = await call(refreshExternal.POST, { method: "POST", params: { movieId: "296" }, as: adminFrom({ origin: "null" }) });
    expect(refreshed.body.error.code).toBe("forbidden:origin");
  });

  it("refuses a viewer's feature rebuild posted from another site", async () => {
    const res = await call(refresh.POST, { method: "POST", path: `/api/v1/features/${viewer.userId}/refresh`, params: { userId: viewer.userId }, as: { ...viewer, headers: { ...viewer.headers, origin: "https://evil.example" } } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("forbidden:origin");
    const own = await call(refresh.POST, { method: "POST", path: `/api/v1/features/${viewer.userId}/refresh`, params: { userId: viewer.userId }, as: viewer });
    expect(own.status).toBe(200);
  });

  it("accepts our own Origin, the host addressed, NEXTAUTH_URL's origin, and Sec-Fetch-Site same-origin", async () => {
    const sameHost = await call(retry.POST, { method: "POST", params: missingDeadLetter, as: adminFrom({ origin: "http://localhost" }) });
    expect(sameHost.status).toBe(404);
    const sameOrigin = await call(retry.POST, { method: "POST", params: missingDeadLetter, as: adminFrom({ "sec-fetch-site": "same-origin" }) });
    expect(sameOrigin.status).toBe(404);
    const previous = process.env.NEXTAUTH_URL;
    process.env.NEXTAUTH_URL = "http://marquee.example:8080";
    try {
      // Behind a proxy the app may see its own address as the Host; the public origin counts.
      const proxied = await call(retry.POST, { method: "POST", params: missingDeadLetter, headers: { host: "10.0.0.5:3000" }, as: adminFrom({ origin: "http://marquee.example:8080" }) });
      expect(proxied.status).toBe(404);
    } finally {
      if (previous === undefined) delete process.env.NEXTAUTH_URL;
      else process.env.NEXTAUTH_URL = previous;
    }
  });

  it("leaves reads and API tokens alone", async () => {
    expect((await call(deadLetters.GET, { as: adminFrom({ origin: "https://evil.example" }) })).status).toBe(200);
    const token = await tokenFor(t.db, ["admin"]);
    const res = await call(retry.POST, { method: "POST", params: missingDeadLetter, as: { ...token, headers: { ...token.headers, origin: "https://evil.example" } } });
    expect(res.status).toBe(404);
  });
});
