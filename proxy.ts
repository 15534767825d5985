import { NextResponse, type NextRequest } from "next/server";
import { HSTS, newNonce, pageContentSecurityPolicy } from "@/lib/http/security-headers";

/**
 * Pages only (see `config.matcher`): a Content-Security-Policy with a nonce made for this request.
 * The policy goes on the request too, where Next.js reads the nonce and puts it on the scripts it
 * renders; the API's answers get their deny-all policy from next.config.mjs, without this step on
 * the hot event path.
 */
export function proxy(request: NextRequest) {
  const https = request.nextUrl.protocol === "https:" || (process.env.NEXTAUTH_URL ?? "").startsWith("https://");
  const csp = pageContentSecurityPolicy({ nonce: newNonce(), https, development: process.env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  // HSTS only over HTTPS: sent over plain HTTP it would mean nothing, or pin a development host.
  if (https) response.headers.set("Strict-Transport-Security", HSTS);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!api/|_next/static|_next/image|favicon.ico).*)" }],
};
