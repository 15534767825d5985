import { listGenres } from "@/db/queries/movies";
import { apiRoute, json } from "@/lib/http/api-route";

export const GET = apiRoute("/api/v1/genres", async ({ db }) => json({ items: await listGenres(db) }));
