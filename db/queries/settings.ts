import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "../client";
import { appSettings } from "../schema";

/** Returns the stored value, storing `create()` first if there is none (the first writer wins). */
export async function getOrCreateSetting(db: Db, key: string, create: () => string): Promise<string> {
  await db.insert(appSettings).values({ key, value: create() }).onConflictDoNothing();
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, key));
  return row!.value;
}
