import { z } from "zod";

/**
 * Where a simulation stands, saved as a small JSON file so a stopped run resumes where it stopped:
 * the next reaction (movie index in the release order, user index among its raters), the highest
 * movie index already released, the experiments it created, and its running counts. The run's
 * identity (dataset, seed, limits) is kept so a file is never resumed by a different run.
 */

const count = z.number().int().min(0);

export const simulationCounts = z.object({
  moviesReleased: count,
  /** Releases answered 409: the movie was in the catalog already (a previous run, an import). */
  alreadyInCatalog: count,
  /** Releases refused or failed: their users' reactions are skipped. */
  releaseFailed: count,
  skippedReactions: count,
  /** Reactions whose four requests (recommend, feedback, rating, watch) all succeeded. */
  reactions: count,
  failedReactions: count,
  recommendations: count,
  feedback: count,
  selections: count,
  /** Seed 000's position score summed over feedback with a selection, as the app answered it. */
  scoreSum: z.number().min(0),
  ratingsAccepted: count,
  ratingsDuplicate: count,
  watchesAccepted: count,
  watchesDuplicate: count,
  trainingsStarted: count,
});
export type SimulationCounts = z.infer<typeof simulationCounts>;

export const simulationIdentity = z.object({
  dataset: z.string(),
  seed: z.number().int(),
  movieLimit: z.number().int().positive().nullable(),
  cycleLength: z.number().int().positive(),
  trainEvery: z.number().int().positive(),
});
export type SimulationIdentity = z.infer<typeof simulationIdentity>;

export const simulationState = z.object({
  version: z.literal(1),
  identity: simulationIdentity,
  position: z.object({ movie: count, user: count }),
  /** -1 before the first release. */
  releasedThrough: z.number().int().min(-1),
  experiments: z.object({ aa: z.string().nullable(), ab: z.string().nullable() }),
  counts: simulationCounts,
});
export type SimulationState = z.infer<typeof simulationState>;

export function newSimulationState(identity: SimulationIdentity): SimulationState {
  return {
    version: 1,
    identity,
    position: { movie: 0, user: 0 },
    releasedThrough: -1,
    experiments: { aa: null, ab: null },
    counts: {
      moviesReleased: 0,
      alreadyInCatalog: 0,
      releaseFailed: 0,
      skippedReactions: 0,
      reactions: 0,
      failedReactions: 0,
      recommendations: 0,
      feedback: 0,
      selections: 0,
      scoreSum: 0,
      ratingsAccepted: 0,
      ratingsDuplicate: 0,
      watchesAccepted: 0,
      watchesDuplicate: 0,
      trainingsStarted: 0,
    },
  };
}

/** The names of the identity fields that differ, empty when the saved state belongs to this run. */
export function identityMismatch(saved: SimulationIdentity, wanted: SimulationIdentity): string[] {
  return (Object.keys(wanted) as (keyof SimulationIdentity)[]).filter((key) => saved[key] !== wanted[key]);
}
