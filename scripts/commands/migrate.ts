import { migrationState } from "@/db/migrate";
import type { Command } from "../cli/command";
import { withCliDatabase } from "../cli/database";

export const migrateCommand: Command = {
  name: "migrate",
  summary: "Apply the database migrations (PGlite by default, the server in DATABASE_URL when set).",
  usage: "migrate",
  async run() {
    await withCliDatabase("migrate", async (handle) => {
      const { applied } = await migrationState(handle);
      console.log(`Database at ${handle.location} (${handle.driver}) is up to date: ${applied} migrations applied.`);
    });
  },
};
