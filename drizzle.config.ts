import { defineConfig } from "drizzle-kit";

// Migrations are generated from the schema and applied by `npm run marquee -- migrate`
// (and automatically by `npm run dev`), on PGlite and on postgres.js alike.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
});
