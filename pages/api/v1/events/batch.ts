import { BATCH_LIMIT, batchEventRoute } from "@/lib/events/event-route";
import { nodeApiRoute } from "@/lib/http/node-api-route";

/** POST /api/v1/events/batch (served outside app/ for speed: see lib/http/node-api-route.ts). */
export const POST = batchEventRoute;
export default nodeApiRoute({ POST }, { maxBodyBytes: BATCH_LIMIT, authenticate: true });
export const config = { api: { bodyParser: false } };
