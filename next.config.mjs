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
};

export default nextConfig;
