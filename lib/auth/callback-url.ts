/**
 * Where to go after signing in, kept on our own site: an open redirect after sign-in is a phishing
 * tool. The callback is parsed as the browser will parse it (the WHATWG URL parser, which also
 * reads "\" as "/" and drops tabs and newlines, so "/\example.com" means "//example.com"), and only
 * a path on `origin` is kept; anything else becomes "/".
 */
export function sameOriginPath(raw: string | null | undefined, origin?: string): string {
  if (!raw) return "/";
  // Without our origin, the callback must stay on the site whether it is served over http or
  // https ("http:example.com" is a path on an http site but another host from an https one).
  const bases = origin ? [origin] : ["http://marquee.invalid", "https://marquee.invalid"];
  const paths = new Set(bases.map((base) => pathOn(raw, base)));
  const [path] = paths;
  return paths.size === 1 && path ? path : "/";
}

function pathOn(raw: string, origin: string): string | null {
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(raw, base);
  } catch {
    return null;
  }
  if (url.origin !== base.origin) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // A path that starts with two slashes would be read as another host when navigated to.
  return path.startsWith("//") ? null : path;
}
