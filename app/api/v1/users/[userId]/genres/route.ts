import { apiRoute, json, readJson } from "@/lib/http/api-route";
import { authorizeGenresWriter, authorizeRecsReader } from "@/lib/recs/access";
import { favoriteGenresBody, userGenresParams } from "@/lib/recs/contract";
import { favoriteGenresOf, setFavoriteGenres } from "@/lib/recs/recommendation-service";

const route = "/api/v1/users/[userId]/genres";

export const GET = apiRoute(
  route,
  async ({ db, params, actor }) => {
    authorizeRecsReader(await actor(), params.userId);
    return json(await favoriteGenresOf(db, params.userId));
  },
  { params: userGenresParams },
);

/** Up to three favorite genres; a fourth is refused, never dropped. */
export const PUT = apiRoute(
  route,
  async ({ request, db, params, actor, now }) => {
    authorizeGenresWriter(await actor(), params.userId);
    const { genres } = await readJson(request, favoriteGenresBody, 16 * 1024);
    return json(await setFavoriteGenres(db, params.userId, genres, now));
  },
  { params: userGenresParams },
);
