import { eventRoute, SINGLE_EVENT_LIMIT } from "@/lib/events/event-route";
import { nodeApiRoute } from "@/lib/http/node-api-route";

/** POST /api/v1/events/favorite (served outside app/ for speed: see lib/http/node-api-route.ts). */
export const POST = eventRoute("favorite");
export default nodeApiRoute({ POST }, { maxBodyBytes: SINGLE_EVENT_LIMIT, authenticate: true });
export const config = { api: { bodyParser: false } };
