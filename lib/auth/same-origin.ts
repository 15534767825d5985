import { AppError } from "@/lib/errors/app-error";

/**
 * Cross-site request forgery defence for cookie-authenticated writes (OWASP's CSRF cheat sheet:
 * verify the origin with standard headers). A browser attaches the session cookie to a form or
 * fetch from any site; it also says where the request comes from, in `Origin` (every POST, PUT,
 * PATCH and DELETE from a modern browser) and `Sec-Fetch-Site`. A state-changing request that
 * carries the session cookie and no bearer token must come from our own origin: `Origin` equal to
 * NEXTAUTH_URL's origin or to the host it was addressed to, or `Sec-Fetch-Site: same-origin`
 * (`none`: the user's own action, such as a bookmark). Tokens are not sent by browsers on their
 * own, so bearer calls need no check.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function assertSameOrigin(request: Request, publicUrl: string | undefined = process.env.NEXTAUTH_URL): void {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return;
  const site = request.headers.get("sec-fetch-site");
  if (site === "same-origin" || site === "none") return;
  const origin = request.headers.get("origin");
  if (origin && isOurOrigin(origin, request, publicUrl)) return;
  throw new AppError(
    "forbidden:origin",
    origin ? `Requests signed in with the session cookie must come from this site, not from ${origin.slice(0, 200)}` : "Requests signed in with the session cookie must send an Origin header naming this site",
    { fields: { "header.Origin": origin ? "Another site" : "Missing" } },
  );
}

function isOurOrigin(origin: string, request: Request, publicUrl: string | undefined): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (publicUrl && originOf(publicUrl) === parsed.origin) return true;
  // The host the request was addressed to, as the browser sent it (no NEXTAUTH_URL in development).
  const host = request.headers.get("host");
  return host !== null && parsed.host === host.toLowerCase();
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
