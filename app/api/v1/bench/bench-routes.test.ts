import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { call } from "@/test/http";
import * as echo from "@/pages/api/v1/bench/echo";
import * as empty from "@/pages/api/v1/bench/empty/[id]";
import * as noop from "./noop/route";

describe("the benchmark baselines", () => {
  beforeEach(() => {
    process.env.MARQUEE_BENCH = "1";
  });
  afterEach(() => {
    delete process.env.MARQUEE_BENCH;
  });

  it("do not exist outside a benchmark run", async () => {
    delete process.env.MARQUEE_BENCH;
    for (const route of [noop.POST, echo.POST]) {
      const answer = await call(route, { method: "POST", body: { requestId: "r-1" } });
      expect(answer.status).toBe(404);
      expect(answer.body.error.code).toBe("not_found:route");
    }
    expect((await call(empty.GET, {})).status).toBe(404);
  });

  it("noop answers 204 without reading anything", async () => {
    expect((await call(noop.POST, { method: "POST", rawBody: "not even json" })).status).toBe(204);
  });

  it("empty answers a GET with 204", async () => {
    expect((await call(empty.GET, {})).status).toBe(204);
  });

  it("echo reads the JSON body and answers a receipt", async () => {
    const answer = await call(echo.POST, { method: "POST", body: { requestId: "r-1", userId: "u" } });
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({ requestId: "r-1", status: "accepted" });
    expect(Date.parse(answer.body.serverTimestamp)).not.toBeNaN();
  });

  it("echo refuses what is not a JSON object, or too large, naming the body", async () => {
    const broken = await call(echo.POST, { method: "POST", rawBody: "{", headers: { "content-type": "application/json" } });
    expect(broken.status).toBe(400);
    expect(broken.body.error.fields).toHaveProperty("body");
    const large = await call(echo.POST, { method: "POST", body: { pad: "x".repeat(40_000) } });
    expect(large.status).toBe(413);
  });
});
