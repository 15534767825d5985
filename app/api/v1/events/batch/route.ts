import { batchEventRoute } from "@/lib/events/event-route";

export const POST = batchEventRoute;
