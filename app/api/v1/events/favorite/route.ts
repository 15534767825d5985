import { eventRoute } from "@/lib/events/event-route";

export const POST = eventRoute("favorite");
