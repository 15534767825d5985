import { deriveSeed } from "@/lib/random/random";
import type { EventReceipt } from "@/lib/events/contract";
import type { Experiment, ExperimentResults } from "@/lib/experiments/contract";
import type { FeedbackReceipt } from "@/lib/feedback/contract";
import type { Recommendations, RecommenderAlgorithm } from "@/lib/recs/contract";
import { histogramQuantile, parseRequestHistograms, subtractHistograms, type RequestHistograms } from "./app-latency";
import type { HttpStats, SimulationHttp, SimulationOutcome } from "./http-client";
import { chooseMovie, cycleOf, movieLensForm, startsTraining, userGroup, watchOf, type SimulationMovie, type SimulationPlan } from "./plan";
import type { SimulationState } from "./state";

/**
 * Seed 000's client loop, over HTTP only: release a movie, then for each user who rated it ask for
 * recommendations, choose, and send feedback, the rating and a watch event. `concurrency` reactions
 * are in flight at once; movies are released in order as the reactions reach them. Even action
 * cycles are served by an A/A experiment and odd ones by an A/B experiment (each its own list
 * context), and a training of each model starts every `trainEvery` movies. Nothing here throws on
 * what the server answers: refusals and failures are counted and the run goes on.
 */

export const AA_CONTEXT = "simulate-aa";
export const AB_CONTEXT = "simulate-ab";

export const ENDPOINTS = {
  release: "POST /api/v1/movies",
  recommend: "GET /api/v1/recommend/[userId]",
  feedback: "POST /api/v1/feedback",
  rating: "POST /api/v1/ratings",
  watch: "POST /api/v1/events/watch",
  experiments: "POST /api/v1/experiments",
  training: "POST /api/v1/models",
  results: "GET /api/v1/experiments/[id]/results",
  metrics: "GET /api/metrics",
} as const;

export interface SimulationModels {
  /** Served to both groups in A/A cycles. */
  aa: RecommenderAlgorithm;
  /** Group A and group B in A/B cycles. */
  a: RecommenderAlgorithm;
  b: RecommenderAlgorithm;
}

export interface SimulationProgress {
  done: number;
  total: number;
  movieIndex: number;
  movies: number;
  phase: "A/A" | "A/B";
  errors: number;
}

export interface RunOptions {
  concurrency: number;
  cycleLength: number;
  trainEvery: number;
  models: SimulationModels;
  /** List length asked for (default 20). */
  k?: number;
  /** Stops starting reactions; those in flight finish and the state says where to resume. */
  signal?: AbortSignal;
  onProgress?: (progress: SimulationProgress) => void;
  /** Called every `saveEveryMs` (default 2 s) while running and once at the end. */
  saveState?: (state: SimulationState) => void | Promise<void>;
  saveEveryMs?: number;
}

interface Reaction {
  seq: number;
  movieIndex: number;
  userIndex: number;
  movie: SimulationMovie;
  userId: string;
}

/** Runs from `state.position` to the end of the plan (or until `signal` aborts). Mutates and returns `state`. */
export async function runSimulation(http: SimulationHttp, plan: SimulationPlan, state: SimulationState, options: RunOptions): Promise<{ state: SimulationState; completed: boolean }> {
  const k = options.k ?? 20;
  const counts = state.counts;
  await ensureExperiments(http, state, options.models);

  // The next reaction to hand out, and those handed out but not finished (by seq).
  let movieIndex = state.position.movie;
  let userIndex = state.position.user;
  let seq = 0;
  const pending = new Map<number, Reaction>();
  const doneBefore = counts.reactions + counts.failedReactions + counts.skippedReactions;
  let done = doneBefore;

  const frontier = () => {
    let first: Reaction | undefined;
    for (const r of pending.values()) if (!first || r.seq < first.seq) first = r;
    return first ? { movie: first.movieIndex, user: first.userIndex } : { movie: movieIndex, user: userIndex };
  };

  let lastSave = performance.now();
  let saving: Promise<void> | null = null;
  const saveEveryMs = options.saveEveryMs ?? 2_000;
  const maybeSave = async (force = false) => {
    if (!options.saveState) return;
    if (!force && (saving || performance.now() - lastSave < saveEveryMs)) return;
    await saving;
    lastSave = performance.now();
    state.position = frontier();
    saving = Promise.resolve(options.saveState(state)).finally(() => (saving = null));
    await saving;
  };

  const report = () =>
    options.onProgress?.({
      done,
      total: plan.totalReactions,
      movieIndex: Math.min(movieIndex, plan.movies.length),
      movies: plan.movies.length,
      phase: cycleOf(Math.min(movieIndex, Math.max(0, plan.movies.length - 1)), options.cycleLength).phase,
      errors: counts.failedReactions + counts.releaseFailed,
    });

  // Releases a movie (and starts the trainings due with it) the first time a reaction reaches it.
  async function release(index: number): Promise<boolean> {
    if (index <= state.releasedThrough) return true;
    if (startsTraining(index, options.trainEvery)) await startTrainings(http, state, options.models);
    const outcome = await http.send({ method: "POST", path: "/api/v1/movies", endpoint: ENDPOINTS.release, body: movieLensForm(plan.movies[index]!) });
    state.releasedThrough = index;
    if (outcome.ok) counts.moviesReleased++;
    else if (outcome.status === 409) counts.alreadyInCatalog++;
    else {
      counts.releaseFailed++;
      return false;
    }
    return true;
  }

  let pulling: Promise<unknown> = Promise.resolve();
  const pull = (): Promise<Reaction | null> => {
    const next = pulling.then(async () => {
      while (movieIndex < plan.movies.length) {
        const movie = plan.movies[movieIndex]!;
        const raters = plan.ratersOf.get(movie.id) ?? [];
        if (userIndex === 0 && raters.length === 0 && movieIndex > state.releasedThrough) {
          await release(movieIndex);
        } else if (userIndex < raters.length) {
          if (!(await release(movieIndex))) {
            counts.skippedReactions += raters.length - userIndex;
            done += raters.length - userIndex;
          } else {
            const reaction = { seq: seq++, movieIndex, userIndex, movie, userId: raters[userIndex]! };
            userIndex++;
            pending.set(reaction.seq, reaction);
            return reaction;
          }
        }
        movieIndex++;
        userIndex = 0;
      }
      return null;
    });
    pulling = next.catch(() => undefined);
    return next;
  };

  const worker = async () => {
    while (!options.signal?.aborted) {
      const reaction = await pull();
      if (!reaction) return;
      // Stopped while it was handed out: leave it pending, so the saved position is before it.
      if (options.signal?.aborted) return;
      const ok = await react(http, plan, reaction, { k, cycleLength: options.cycleLength, counts });
      if (ok) counts.reactions++;
      else counts.failedReactions++;
      pending.delete(reaction.seq);
      done++;
      report();
      await maybeSave();
    }
  };

  report();
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
  await maybeSave(true);
  report();
  return { state, completed: pending.size === 0 && movieIndex >= plan.movies.length };
}

async function react(http: SimulationHttp, plan: SimulationPlan, reaction: Reaction, options: { k: number; cycleLength: number; counts: SimulationState["counts"] }): Promise<boolean> {
  const { counts } = options;
  const { movie, userId } = reaction;
  const { actionCycle, phase } = cycleOf(reaction.movieIndex, options.cycleLength);
  const userType = userGroup(userId);
  const ratings = plan.ratingsOf.get(userId);
  const rating = ratings?.get(movie.id) ?? 3;
  const watch = watchOf(rating);
  const query = new URLSearchParams({ k: String(options.k), context: phase === "A/A" ? AA_CONTEXT : AB_CONTEXT, userType, actionCycle: String(actionCycle) });
  const shown = await http.send({ method: "GET", path: `/api/v1/recommend/${encodeURIComponent(userId)}?${query}`, endpoint: ENDPOINTS.recommend });

  const writes: Promise<boolean>[] = [];
  if (shown.ok) {
    counts.recommendations++;
    const list = shown.body as Recommendations;
    const selected = chooseMovie(list.movieIds, movie.id, plan.tasteOf.get(userId), plan.genresOf);
    const body = {
      sessionId: list.sessionId,
      userId,
      ...(selected === null ? {} : { selectedMovieId: selected }),
      ...(selected === movie.id ? { watchTimeSec: watch.watchDuration } : {}),
      userType,
      actionCycle,
    };
    writes.push(
      http.send({ method: "POST", path: "/api/v1/feedback", endpoint: ENDPOINTS.feedback, body }).then((outcome) => {
        if (!outcome.ok) return false;
        counts.feedback++;
        if (selected !== null) {
          counts.selections++;
          counts.scoreSum += Number((outcome.body as FeedbackReceipt).score ?? 0);
        }
        return true;
      }),
    );
  }
  writes.push(
    http.send({ method: "POST", path: "/api/v1/ratings", endpoint: ENDPOINTS.rating, body: { userId, movieId: movie.id, rating, requestId: requestIdFor("rating", userId, movie.id) } }).then((outcome) => {
      const status = accepted(outcome);
      if (status === "accepted") counts.ratingsAccepted++;
      if (status === "duplicate") counts.ratingsDuplicate++;
      return status !== null;
    }),
    http.send({ method: "POST", path: "/api/v1/events/watch", endpoint: ENDPOINTS.watch, body: { requestId: requestIdFor("watch", userId, movie.id), userId, movieId: movie.id, metadata: watch } }).then((outcome) => {
      const status = accepted(outcome);
      if (status === "accepted") counts.watchesAccepted++;
      if (status === "duplicate") counts.watchesDuplicate++;
      return status !== null;
    }),
  );
  const results = await Promise.all(writes);
  return shown.ok && results.every(Boolean);
}

function accepted(outcome: SimulationOutcome): "accepted" | "duplicate" | null {
  if (!outcome.ok) return null;
  return (outcome.body as EventReceipt).status === "duplicate" ? "duplicate" : "accepted";
}

/** The same rating or watch sent again (a retry, a resumed run) is recognised by the app as a duplicate. */
export function requestIdFor(kind: "rating" | "watch", userId: string, movieId: string): string {
  const id = `sim-${kind}:${userId}:${movieId}`;
  return id.length <= 100 ? id : `sim-${kind}:${deriveSeed(0, `${userId}\u0000${movieId}`).toString(16)}:${deriveSeed(1, `${movieId}\u0000${userId}`).toString(16)}`;
}

/** The A/A and A/B experiments, created (and started) once; their ids are kept in the state. A refusal is reported, not fatal. */
async function ensureExperiments(http: SimulationHttp, state: SimulationState, models: SimulationModels) {
  const seed = state.identity.seed;
  const wanted = [
    {
      key: "aa",
      body: { name: `simulate A/A, seed ${seed}`, description: "Even action cycles of the simulation client: one model in both groups.", mode: "aa", context: AA_CONTEXT, variants: [{ name: "A", algorithm: models.aa }, { name: "B", algorithm: models.aa }], start: true },
    },
    {
      key: "ab",
      body: { name: `simulate A/B, seed ${seed}`, description: "Odd action cycles of the simulation client: group A and group B served different models.", mode: "ab", context: AB_CONTEXT, variants: [{ name: "A", algorithm: models.a }, { name: "B", algorithm: models.b }], start: true },
    },
  ] as const;
  for (const { key, body } of wanted) {
    if (state.experiments[key]) continue;
    const created = await http.send({ method: "POST", path: "/api/v1/experiments", endpoint: ENDPOINTS.experiments, body });
    if (created.ok) state.experiments[key] = (created.body as Pick<Experiment, "id">).id;
  }
}

async function startTrainings(http: SimulationHttp, state: SimulationState, models: SimulationModels) {
  for (const algorithm of new Set([models.aa, models.a, models.b])) {
    const outcome = await http.send({ method: "POST", path: "/api/v1/models", endpoint: ENDPOINTS.training, body: { algorithm, activate: true } });
    if (outcome.ok) state.counts.trainingsStarted++;
  }
}

// ---- the report at the end ----

export interface VariantSummary {
  name: string;
  algorithm: string;
  sessions: number;
  clicks: number;
  clickThroughRate: number | null;
  meanPositionScore: number | null;
}

export interface ExperimentSummary {
  id: string;
  name: string;
  phase: "A/A" | "A/B";
  variants: VariantSummary[];
  verdict: string;
  sampleRatioWarning: string | null;
}

/** Each experiment's figures per variant and its verdict, as GET /experiments/{id}/results gives them; null for one that cannot be read. */
export async function experimentSummaries(http: SimulationHttp, state: SimulationState): Promise<ExperimentSummary[]> {
  const summaries: ExperimentSummary[] = [];
  for (const [phase, id] of [["A/A", state.experiments.aa], ["A/B", state.experiments.ab]] as const) {
    if (!id) continue;
    const outcome = await http.send({ method: "GET", path: `/api/v1/experiments/${id}/results`, endpoint: ENDPOINTS.results });
    if (!outcome.ok) continue;
    const body = outcome.body as ExperimentResults;
    summaries.push({
      id,
      name: body.experiment.name,
      phase,
      verdict: body.verdict,
      sampleRatioWarning: body.sampleRatioWarning,
      variants: body.variants.map((v) => ({ name: v.name, algorithm: v.algorithm, sessions: v.sessions, clicks: v.clicks, clickThroughRate: v.clickThroughRate.value, meanPositionScore: v.meanPositionScore.value })),
    });
  }
  return summaries;
}

/** The app's request histograms now, or null when /api/metrics cannot be read (no admin token, an older app). */
export async function scrapeRequestHistograms(http: SimulationHttp): Promise<RequestHistograms | null> {
  const outcome = await http.send({ method: "GET", path: "/api/metrics", endpoint: ENDPOINTS.metrics });
  if (!outcome.ok || typeof outcome.body !== "string") return null;
  // Empty until the app has answered a request (a fresh process); the scrape after the run says whether it has histograms.
  return parseRequestHistograms(outcome.body);
}

export interface EndpointLatency {
  endpoint: string;
  /** Requests the app counted during the run (null without its metrics). */
  appRequests: number | null;
  /** From the app's histogram, interpolated within its bucket. */
  appP99Ms: number | null;
  /** The app's p99 is past its histogram's last bound: only known to be more than appP99Ms. */
  appP99Above: boolean;
  clientRequests: number;
  /** Measured by this client, exact (nearest rank), network and queueing included. */
  clientP99Ms: number | null;
}

/** p99 per endpoint the simulation used: from the app's histograms when both scrapes worked, and as measured here. */
export function latencyTable(stats: HttpStats, before: RequestHistograms | null, after: RequestHistograms | null): EndpointLatency[] {
  const app = before && after?.size ? subtractHistograms(after, before) : null;
  const endpoints = [ENDPOINTS.release, ENDPOINTS.recommend, ENDPOINTS.feedback, ENDPOINTS.rating, ENDPOINTS.watch];
  return endpoints.map((endpoint) => {
    const measured = stats.latencies.get(endpoint) ?? [];
    const fromApp = app?.get(endpoint);
    const quantile = fromApp ? histogramQuantile(fromApp, 0.99) : null;
    return { endpoint, appRequests: app ? (quantile?.count ?? 0) : null, appP99Ms: quantile?.ms ?? null, appP99Above: Boolean(quantile?.above), clientRequests: measured.length, clientP99Ms: nearestRank(measured, 0.99) };
  });
}

function nearestRank(values: number[], q: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}
