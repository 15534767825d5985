import { listCities } from "@/db/queries/theaters";
import { apiRoute, json } from "@/lib/http/api-route";

export const GET = apiRoute("/api/v1/cities", async ({ db }) => json({ items: await listCities(db) }));
