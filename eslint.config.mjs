import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import layering from "./lint-rules/layering.mjs";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    plugins: { marquee: layering },
    rules: { "marquee/no-server-module-in-client": "error" },
  },
  {
    // Queries are built in db/ only. Tests may read the database directly to check an outcome.
    files: ["**/*.{ts,tsx,mts,js,mjs}"],
    ignores: ["db/**", "**/*.test.ts", "test/**", "drizzle.config.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "drizzle-orm", message: "Build queries in db/queries/<domain>.ts: drizzle-orm is imported only under db/." }],
          patterns: [{ group: ["drizzle-orm/*"], message: "Build queries in db/queries/<domain>.ts: drizzle-orm is imported only under db/." }],
        },
      ],
    },
  },
  globalIgnores([".next/**", ".data/**", "node_modules/**", "db/migrations/**", "next-env.d.ts", "playwright-report/**", "test-results/**"]),
]);
