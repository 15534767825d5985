import { authApi } from "@/lib/auth/operations";
import { catalogApi } from "@/lib/catalog/operations";
import { deadLetterApi } from "@/lib/dead-letters/operations";
import { eventApi } from "@/lib/events/operations";
import { experimentApi } from "@/lib/experiments/operations";
import { feedbackApi } from "@/lib/feedback/operations";
import { featureApi } from "@/lib/features/operations";
import { healthApi } from "@/lib/health/operations";
import { recsApi } from "@/lib/recs/operations";
import { showtimeApi } from "@/lib/showtimes/operations";
import { trendApi } from "@/lib/trends/operations";
import type { ApiSection } from "./operation-spec";

/**
 * The JSON API, a section per domain in the order the reference shows them. Each domain declares
 * its operations in lib/<domain>/operations.ts with the schemas its routes parse with; a route
 * without an entry fails lib/openapi/completeness.test.ts.
 */
const sections: ApiSection[] = [catalogApi, showtimeApi, eventApi, featureApi, trendApi, recsApi, feedbackApi, experimentApi, authApi, deadLetterApi, healthApi];

export const tags = sections.flatMap((s) => s.tags);
export const operations = sections.flatMap((s) => s.operations);
