import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import type { NextConfig } from "next";
// @ts-expect-error: next.config.mjs is plain JavaScript without declarations.
import nextConfigModule from "@/next.config.mjs";
import { config as proxyConfig, proxy } from "@/proxy";
import { pageContentSecurityPolicy } from "./security-headers";

const nextConfig = nextConfigModule as NextConfig;

/** Issue 13, item 15: the headers browsers get, from the proxy and the config Next.js runs. */
const previousUrl = process.env.NEXTAUTH_URL;
afterEach(() => {
  if (previousUrl === undefined) delete process.env.NEXTAUTH_URL;
  else process.env.NEXTAUTH_URL = previousUrl;
});

function cspOf(response: Response): Map<string, string> {
  const csp = response.headers.get("content-security-policy") ?? "";
  return new Map(csp.split(";").map((d) => d.trim()).filter(Boolean).map((d) => [d.split(" ")[0]!, d.slice(d.indexOf(" ") + 1)]));
}

describe("pages", () => {
  it("get a Content-Security-Policy with a new nonce per request, passed on to Next.js", () => {
    const first = proxy(new NextRequest("http://localhost:3000/movies/296"));
    const second = proxy(new NextRequest("http://localhost:3000/movies/296"));
    const script = cspOf(first).get("script-src")!;
    expect(script).toMatch(/^'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'$/);
    expect(script).not.toBe(cspOf(second).get("script-src"));
    expect(cspOf(first).get("frame-ancestors")).toBe("'none'");
    expect(cspOf(first).get("object-src")).toBe("'none'");
    // Next.js reads the nonce from the request's policy.
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(first.headers.get("content-security-policy"));
  });

  it("get HSTS only over HTTPS", () => {
    delete process.env.NEXTAUTH_URL;
    expect(proxy(new NextRequest("http://localhost:3000/")).headers.get("strict-transport-security")).toBeNull();
    expect(proxy(new NextRequest("https://marquee.example/")).headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    process.env.NEXTAUTH_URL = "https://marquee.example";
    const behindProxy = proxy(new NextRequest("http://10.0.0.5:3000/"));
    expect(behindProxy.headers.get("strict-transport-security")).toContain("max-age=");
    expect(cspOf(behindProxy).has("upgrade-insecure-requests")).toBe(true);
  });

  it("are what the proxy runs on; the API is not", () => {
    const matcher = new RegExp(`^${proxyConfig.matcher[0]!.source}$`);
    expect(matcher.test("/admin/showtimes")).toBe(true);
    expect(matcher.test("/")).toBe(true);
    expect(matcher.test("/api/v1/events/watch")).toBe(false);
    expect(matcher.test("/_next/static/chunks/app.js")).toBe(false);
  });

  it("allow eval only in development, for React's debugging aids", () => {
    expect(pageContentSecurityPolicy({ nonce: "n", https: false, development: true })).toContain("'unsafe-eval'");
    expect(pageContentSecurityPolicy({ nonce: "n", https: false, development: false })).not.toContain("unsafe-eval");
  });
});

describe("every answer", () => {
  it("is nosniff, never framed, with a strict referrer and no powerful features; API answers allow nothing", async () => {
    const rules = await nextConfig.headers!();
    const all = Object.fromEntries(rules.find((r) => r.source === "/:path*")!.headers.map((h) => [h.key, h.value]));
    expect(all).toMatchObject({ "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "strict-origin-when-cross-origin" });
    expect(all["Permissions-Policy"]).toContain("camera=()");
    const api = rules.find((r) => r.source === "/api/:path*")!.headers.find((h) => h.key === "Content-Security-Policy")!.value;
    expect(api).toContain("default-src 'none'");
    expect(api).toContain("frame-ancestors 'none'");
  });
});
