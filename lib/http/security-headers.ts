/**
 * The pages' Content-Security-Policy, with a fresh nonce per request (set by proxy.ts; Next.js
 * puts the nonce on its own scripts), and HSTS. The headers every answer gets, and the API's
 * deny-all policy, are in next.config.mjs.
 */

/** Two years, subdomains included: what hstspreload.org asks for. Only ever sent over HTTPS. */
export const HSTS = "max-age=63072000; includeSubDomains";

export function pageContentSecurityPolicy(options: { nonce: string; https: boolean; development: boolean }): string {
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic': scripts our nonced scripts load (Next's chunks) may run, nothing else.
    // React's development build evaluates code for its debugging aids; production never does.
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.development ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes (progress bars, the timeline, charts) need this; scripts cannot be
    // smuggled in through styles.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(options.https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** A nonce: 128 random bits, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
