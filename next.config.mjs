/**
 * Security headers of every answer, after OWASP's secure headers project. Pages also get a
 * Content-Security-Policy with a fresh nonce per request from proxy.ts (lib/http/security-headers.ts);
 * API answers are data, never a document to render, so their policy allows nothing.
 */
const securityHeaders = {
  "X-Content-Type-Options": "nosniff",
  // frame-ancestors in the pages' CSP says the same to browsers that read it; this is for older ones.
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
};
const apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

const asList = (headers) => Object.entries(headers).map(([key, value]) => ({ key, value }));

/** @type {import('next').NextConfig} */
const nextConfig = {
  // These load native binaries or WASM files from their own package folders at run time,
  // so they must stay out of the bundle.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pg-boss",
    "@node-rs/argon2",
    "pino",
    "prom-client",
    "postgres",
  ],
  // The pages/api event routes bundle their dependencies as the App Router does (the packages above
  // stay external). Loaded as an external, "server-only" would resolve with Node's default
  // conditions to its throwing entry; bundled, Next gives server code its empty one.
  bundlePagesRouterDependencies: true,
  poweredByHeader: false,
  typedRoutes: false,
  // The pages' nonce-based Content-Security-Policy is set per request by proxy.ts.
  async headers() {
    return [
      { source: "/:path*", headers: asList(securityHeaders) },
      { source: "/api/:path*", headers: asList({ "Content-Security-Policy": apiContentSecurityPolicy }) },
    ];
  },
};

export default nextConfig;
