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
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
