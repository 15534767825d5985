import { findFirstAdmin, findUserByEmail } from "@/db/queries/users";
import { ensureAdmin } from "@/lib/auth/bootstrap-admin";
import { env } from "@/lib/config/env";
import { AppError } from "@/lib/errors/app-error";
import { isDatabaseEmpty, seedEmptyDatabase } from "@/lib/demo/seed-demo-data";
import type { Command } from "../cli/command";
import { withCliDatabase } from "../cli/database";
import { describeDemoData, seedWithProgress } from "./seed";
import { trainFirstModels } from "./train";

export const prepareCommand: Command = {
  name: "prepare",
  summary: "What `npm run dev` and `npm start` do first: migrate, make sure an admin exists, fill an empty database with demo data.",
  usage: "prepare",
  async run() {
    const e = env();
    await withCliDatabase("prepare", async (handle) => {
      const { db, driver, location } = handle;
      console.log(`Marquee database: ${driver} at ${location}`);
      const admin = await ensureAdmin(db, { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD });
      // A first start shows a working app rather than empty pages; MARQUEE_DEMO_DATA=off keeps it empty.
      if (e.MARQUEE_DEMO_DATA === "auto" && (await isDatabaseEmpty(db))) {
        const seed = e.MARQUEE_DEMO_SEED;
        // Whoever signs in first is the admin: lent a demo viewer's history, their own activity page and lists are not empty either.
        const adminAccount = admin.kind === "configured" ? await findUserByEmail(db, admin.email) : await findFirstAdmin(db);
        try {
          const options = { seed, now: new Date(), halfLifeHours: e.TREND_HALF_LIFE_HOURS, accountIds: adminAccount ? [adminAccount.id] : [] };
          const { summary, seconds } = await seedWithProgress(db, options, seedEmptyDatabase);
          console.log(`Filled the empty database with demo data: ${describeDemoData(summary, seed, seconds)}`);
        } catch (error) {
          // Another instance starting at the same moment filled it first: nothing left to do.
          if (!(error instanceof AppError && error.code === "conflict:demo_data")) throw error;
        }
      }
      // Recommendations work on the first page load: a first model of each kind, trained in seconds.
      const first = await trainFirstModels(handle);
      if (first) console.log(`Trained the first recommendation models (${first.filter((r) => r.status === "ready").length} of ${first.length} ready).`);
      const port = process.env.PORT ?? "3000";
      console.log(`\n  Marquee → http://localhost:${port}`);
      if (admin.kind === "generated") {
        console.log(`  Sign in as ${admin.email} with password: ${admin.password}`);
        console.log("  (shown once; `npm run marquee -- admin reset-password --email " + admin.email + "` makes a new one)\n");
      } else if (admin.kind === "configured") {
        console.log(`  Sign in as ${admin.email} with ADMIN_PASSWORD\n`);
      } else {
        console.log(`  Sign in as ${admin.email ?? "your admin"} (password printed at first start; reset with \`npm run marquee -- admin reset-password --email …\`)\n`);
      }
    });
  },
};
