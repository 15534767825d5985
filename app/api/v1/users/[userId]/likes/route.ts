import { apiRoute, json, readQuery } from "@/lib/http/api-route";
import { authorizeRecsReader } from "@/lib/recs/access";
import { userGenresParams, userLikesQuery } from "@/lib/recs/contract";
import { userLikes } from "@/lib/recs/recommendation-service";

export const GET = apiRoute(
  "/api/v1/users/[userId]/likes",
  async ({ request, db, params, actor }) => {
    authorizeRecsReader(await actor(), params.userId);
    const { movieIds } = readQuery(request, userLikesQuery);
    return json(await userLikes(db, params.userId, movieIds));
  },
  { params: userGenresParams },
);
