import { z } from "zod";
import { pageOf, timestamp } from "@/lib/http/contract";
import { paginationSchema } from "@/lib/http/pagination";
import { describeField, named } from "@/lib/openapi/schema-registry";
import { recommenderAlgorithms } from "@/lib/recs/contract";

/** A/B experiments between recommendation models: their definition, and their figures and verdict. */

export const experimentModes = ["ab", "aa"] as const;
export const experimentStatuses = ["draft", "running", "stopped"] as const;
export type ExperimentStatus = (typeof experimentStatuses)[number];
export const MAX_VARIANTS = 4;

const variantName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9 _-]{0,29}$/, "1–30 letters, digits, spaces, _ and -");

export const variantSchema = z
  .object({
    name: variantName,
    algorithm: z.enum(recommenderAlgorithms),
    version: z.number().int().positive().nullable().default(null).describe("A model version to pin; null serves the algorithm's active version"),
    weight: z.number().positive("More than 0").max(1000).default(1).describe("Traffic share, relative to the other variants"),
  })
  .strict();
export type ExperimentVariant = z.infer<typeof variantSchema>;

const variants = z
  .array(variantSchema)
  .min(2, "At least two variants")
  .max(MAX_VARIANTS, `At most ${MAX_VARIANTS} variants`)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((v, i) => {
      if (seen.has(v.name.toLowerCase())) ctx.addIssue({ code: "custom", path: [i, "name"], message: `Variant '${v.name}' is named twice` });
      seen.add(v.name.toLowerCase());
    });
  });

export const createExperimentBody = named(
  "CreateExperiment",
  z
    .object({
      name: z.string().trim().min(1, "Required").max(120),
      description: z.string().max(2000).default(""),
      mode: z.enum(experimentModes).default("ab").describe("ab compares models; aa serves the same model in every arm to check the pipeline"),
      context: z
        .string()
        .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, "1–40 lower-case letters, digits, _ and -")
        .nullable()
        .default("home")
        .describe("Which lists it applies to (GET /recommend's context); null for every list"),
      variants,
      split: z
        .array(z.number().int("Whole percent").min(1, "At least 1%").max(99, "At most 99%"))
        .optional()
        .describe("The traffic split in percent, one per variant in order, adding up to 100; when given it replaces the variants' weights"),
      start: z.boolean().default(false).describe("Start at once; otherwise it is a draft"),
      startsAt: z.iso.datetime({ offset: true }).nullable().default(null).describe("Start at this time instead (it is running from then on); a past time starts it at once"),
      endsAt: z.iso.datetime({ offset: true }).nullable().default(null).describe("It stops by itself then"),
    })
    .strict()
    .superRefine((body, ctx) => {
      if (body.split) {
        if (body.split.length !== body.variants.length) ctx.addIssue({ code: "custom", path: ["split"], message: `One share per variant: ${body.variants.length} variants, ${body.split.length} shares` });
        else {
          const total = body.split.reduce((sum, share) => sum + share, 0);
          if (total !== 100) ctx.addIssue({ code: "custom", path: ["split"], message: `The split must add up to 100% (it adds up to ${total}%)` });
        }
      }
      if (body.startsAt && body.endsAt && Date.parse(body.endsAt) <= Date.parse(body.startsAt)) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "The stop time must come after the start time" });
      if (body.mode === "aa") {
        const first = body.variants[0];
        body.variants.forEach((v, i) => {
          if (first && (v.algorithm !== first.algorithm || v.version !== first.version)) ctx.addIssue({ code: "custom", path: ["variants", i, "algorithm"], message: "An A/A experiment serves the same model in every variant" });
        });
      }
    }),
  {
    examples: [
      {
        name: "ALS vs EASE on the home page",
        mode: "ab",
        context: "home",
        variants: [
          { name: "A", algorithm: "als", weight: 1 },
          { name: "B", algorithm: "ease", weight: 1 },
        ],
        split: [50, 50],
        start: true,
      },
    ],
  },
);
export type CreateExperimentInput = z.infer<typeof createExperimentBody>;

export const updateExperimentBody = named(
  "UpdateExperiment",
  z
    .object({
      status: z.enum(["running", "stopped"]).optional().describe("Start a draft, or stop a running experiment (a stopped one stays stopped)"),
      name: z.string().trim().min(1).max(120).optional(),
      description: z.string().max(2000).optional(),
      endsAt: z.iso.datetime({ offset: true }).nullable().optional(),
    })
    .strict()
    .refine((v) => Object.keys(v).length > 0, { message: "Send at least one field to change" }),
  { examples: [{ status: "stopped" }] },
);

export const experimentParams = z.object({ id: z.uuid("Not an experiment id") });
export const experimentListQuery = z.object({ status: z.enum(experimentStatuses).optional(), ...paginationSchema }).strict();
describeField(experimentListQuery.shape.status, "Only experiments with this status");

const exampleExperiment = {
  id: "7b0e4c1a-2f6d-4e8b-9a3c-5d1f7e2a9b40",
  name: "ALS vs EASE on the home page",
  description: "",
  mode: "ab",
  status: "running",
  context: "home",
  variants: [
    { name: "A", algorithm: "als", version: null, weight: 1 },
    { name: "B", algorithm: "ease", version: null, weight: 1 },
  ],
  startedAt: "2031-01-05T09:00:00.000Z",
  stoppedAt: null,
  endsAt: null,
  createdAt: "2031-01-05T09:00:00.000Z",
};

export const Experiment = named(
  "Experiment",
  z.object({
    id: z.uuid(),
    name: z.string(),
    description: z.string(),
    mode: z.enum(experimentModes),
    status: z.enum(experimentStatuses),
    context: z.string().nullable(),
    variants: z.array(z.object({ name: z.string(), algorithm: z.enum(recommenderAlgorithms), version: z.number().int().nullable(), weight: z.number() })),
    startedAt: timestamp.nullable(),
    stoppedAt: timestamp.nullable(),
    endsAt: timestamp.nullable(),
    createdAt: timestamp,
  }),
  {
    examples: [exampleExperiment],
  },
);
export type Experiment = z.infer<typeof Experiment>;

export const ExperimentSummary = named("ExperimentSummary", Experiment.extend({ sessions: z.number().int().describe("Recommendation lists logged under it so far, every variant together") }), {
  examples: [{ ...exampleExperiment, sessions: 4020 }],
});
export type ExperimentSummary = z.infer<typeof ExperimentSummary>;
export const ExperimentPage = pageOf("ExperimentPage", ExperimentSummary);
export type ExperimentPage = z.infer<typeof ExperimentPage>;

const estimate = z.object({ value: z.number().nullable(), lower: z.number().nullable(), upper: z.number().nullable(), n: z.number().int() });
const testResult = z.object({ difference: z.number(), statistic: z.number(), pValue: z.number() }).nullable();

export const VariantResult = named(
  "VariantResult",
  z.object({
    name: z.string(),
    algorithm: z.enum(recommenderAlgorithms),
    version: z.number().int().nullable(),
    weight: z.number(),
    users: z.number().int().describe("Distinct users assigned"),
    sessions: z.number().int(),
    impressions: z.number().int(),
    clicks: z.number().int(),
    likes: z.number().int(),
    dislikes: z.number().int(),
    clickThroughRate: estimate.describe("Sessions with a movie opened / sessions"),
    likeRate: estimate,
    meanPositionScore: estimate.describe("Seed 000's position score over sessions with a selection"),
    precisionAtK: estimate,
    recallAtK: estimate,
  }),
  {
    description:
      "One variant's figures, each with its 95% confidence interval. Users are the unit, not sessions: a user's sessions are not independent draws, so each interval comes from the spread between users (the delta method over per-user sums, with a t quantile on users − 1 degrees of freedom).",
  },
);

export const ExperimentResults = named(
  "ExperimentResults",
  z.object({
    experiment: Experiment,
    k: z.number().int().describe("K of Precision@K and Recall@K"),
    variants: z.array(VariantResult),
    comparisons: z.array(
      z.object({
        control: z.string(),
        treatment: z.string(),
        unit: z.enum(["user", "session"]).describe("What the tests count as one observation: `user` (sessions summed per user, as assigned)"),
        significanceThreshold: z.number(),
        clickThroughRate: testResult,
        meanPositionScore: testResult,
        sessionsPerVariantNeeded: z.number().int().nullable(),
        moreSessionsPerVariantNeeded: z.number().int().nullable(),
        verdict: z.string(),
        scoreVerdict: z.string().nullable(),
      }),
    ),
    verdict: z.string().describe("In plain words: \"B beats A on CTR (12.4% vs 10.1%), p = 0.003\", or how many more sessions are needed"),
    sampleRatio: z.object({ expected: z.array(z.number()), statistic: z.number(), degreesOfFreedom: z.number(), pValue: z.number(), mismatch: z.boolean(), basis: z.enum(["users", "sessions"]) }),
    sampleRatioWarning: z.string().nullable(),
    series: z.object({
      bucketMinutes: z.number().int(),
      variants: z.array(z.string()),
      points: z.array(z.object({ minute: timestamp, actionCycle: z.number().int().nullable(), phase: z.enum(["A/A", "A/B"]).nullable(), sessions: z.record(z.string(), z.number()), meanScore: z.record(z.string(), z.number().nullable()) })),
      periods: z.array(z.object({ actionCycle: z.number().int(), phase: z.enum(["A/A", "A/B"]), from: timestamp, to: timestamp })),
    }),
    computedAt: timestamp,
  }),
  {
    description: "Per variant: the figures with 95% intervals; the tests between variants; the verdict; the score per time bucket by group.",
    examples: [
      {
        experiment: exampleExperiment,
        k: 3,
        variants: [
          {
            name: "A",
            algorithm: "als",
            version: null,
            weight: 1,
            users: 410,
            sessions: 2010,
            impressions: 40200,
            clicks: 203,
            likes: 120,
            dislikes: 41,
            clickThroughRate: { value: 0.101, lower: 0.0884, upper: 0.1149, n: 2010 },
            likeRate: { value: 0.745, lower: 0.673, upper: 0.806, n: 161 },
            meanPositionScore: { value: 7.9, lower: 7.5, upper: 8.3, n: 203 },
            precisionAtK: { value: 0.041, lower: 0.036, upper: 0.046, n: 2010 },
            recallAtK: { value: 0.62, lower: 0.56, upper: 0.68, n: 260 },
          },
        ],
        comparisons: [],
        verdict: "Not significant yet (p = 0.21): about 1,900 more sessions per variant needed",
        sampleRatio: { expected: [0.5, 0.5], statistic: 0.4, degreesOfFreedom: 1, pValue: 0.53, mismatch: false, basis: "users" },
        sampleRatioWarning: null,
        series: { bucketMinutes: 1, variants: ["A", "B"], points: [], periods: [] },
        computedAt: "2031-01-05T12:00:00.000Z",
      },
    ],
  },
);
export type ExperimentResults = z.infer<typeof ExperimentResults>;
