import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { formatFactorCsv, parseFactorCsv } from "./factor-csv";
import { rowOf } from "./interactions";
import {
  alsModelFromFactors,
  decodeModel,
  encodeModel,
  explainRecommendation,
  genrePopularity,
  hyperparameterSchemas,
  ModelFormatError,
  parseHyperparameters,
  scoreItems,
  scoreNewMovie,
  similarItems,
  trainModel,
  type Algorithm,
  type TrainedModel,
  type UserState,
} from "./model";
import { plantedInteractions } from "./synthetic";
import { topK } from "./top-k";

const data = plantedInteractions({ seed: 11, groups: 2, usersPerGroup: 15, itemsPerGroup: 20, interactionsPerUser: 8, noise: 0.1 });
const items = data.itemIds.length;
const smallParams: Record<Algorithm, unknown> = {
  als: { factors: 8, iterations: 5, regularization: 5 },
  hybrid: { factors: 8, epochs: 5, maxSampled: 20 },
  ease: { lambda: 20, maxItems: 30 },
  popular: {},
};
const now = new Date("2025-01-01T00:00:00Z");
const train = (algorithm: Algorithm, seed = 1) => trainModel(algorithm, data, smallParams[algorithm], { seed, now });

function allScores(model: TrainedModel): Float32Array[] {
  const out: Float32Array[] = [];
  for (let u = 0; u < data.userIds.length; u++) {
    const scores = new Float32Array(items);
    scoreItems(model, { userIndex: u, history: model.algorithm === "als" ? undefined : rowOf(data.matrix, u) }, scores);
    out.push(scores);
  }
  return out;
}

describe("trained models", () => {
  for (const algorithm of ["als", "hybrid", "ease", "popular"] as const) {
    it(`scores identically after a save and reload (${algorithm})`, () => {
      const model = train(algorithm);
      const { meta, bytes } = encodeModel(model);
      // The meta is what a jsonb column holds: it survives JSON.
      const reloaded = decodeModel(JSON.parse(JSON.stringify(meta)), Uint8Array.from(bytes));
      expect(reloaded.algorithm).toBe(algorithm);
      expect(reloaded.itemIds).toEqual(model.itemIds);
      expect(reloaded.trainedAt).toBe("2025-01-01T00:00:00.000Z");
      expect(allScores(reloaded)).toEqual(allScores(model));
    });

    it(`trains to identical bytes for the same seed (${algorithm})`, () => {
      const a = encodeModel(train(algorithm, 3));
      const b = encodeModel(train(algorithm, 3));
      expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
      expect(a.meta).toEqual(b.meta);
    });
  }

  it("refuses stored bytes that do not match their description, naming what is wrong", () => {
    const { meta, bytes } = encodeModel(train("als"));
    expect(() => decodeModel(meta, bytes.subarray(0, bytes.length - 64))).toThrow(ModelFormatError);
    expect(() => decodeModel({ ...meta, counts: { ...meta.counts, items: items + 1 } }, bytes)).toThrow(/itemIds has 40 entries, expected 41/);
    expect(() => decodeModel({ ...meta, format: 99 }, bytes)).toThrow(/meta: format/);
    const sections = { ...meta.sections };
    delete sections.userFactors;
    expect(() => decodeModel({ ...meta, sections }, bytes)).toThrow(/section userFactors is missing/);
  });

  it("serves an imported ALS model the same top lists as the model its factor files came from", () => {
    const model = train("als");
    if (model.algorithm !== "als") throw new Error("expected ALS");
    const f = model.factors.factors;
    const userCsv = [...formatFactorCsv({ ids: model.userIds, factors: f, values: model.factors.userFactors })].join("\n");
    // The item file in Spark's layout, rows shuffled: the ids, not the order, tie rows to movies.
    const itemLines = model.itemIds.map((id, i) => `${id},"[${Array.from(model.factors.itemFactors.subarray(i * f, (i + 1) * f)).join(",")}]"`).reverse();
    const users = parseFactorCsv(userCsv, "user-factors.csv");
    const itemTable = parseFactorCsv(["id,features", ...itemLines].join("\n"), "item-factors.csv");
    const imported = alsModelFromFactors({
      userIds: users.ids,
      itemIds: itemTable.ids,
      factors: itemTable.factors,
      userFactors: users.values,
      itemFactors: itemTable.values,
      params: { regularization: model.params.regularization, alpha: model.params.alpha },
    });
    const original = new Float32Array(items);
    const fromImport = new Float32Array(items);
    for (let u = 0; u < data.userIds.length; u++) {
      scoreItems(model, { userIndex: u }, original);
      scoreItems(imported, { userIndex: imported.lookup.userIndex.get(model.userIds[u]!)! }, fromImport);
      const expected = Array.from(topK(original, 10).indices, (i) => model.itemIds[i]);
      expect(Array.from(topK(fromImport, 10).indices, (i) => imported.itemIds[i])).toEqual(expected);
    }
  });

  it("rejects factor matrices that do not fit their ids", () => {
    expect(() => alsModelFromFactors({ userIds: ["a"], itemIds: ["x", "y"], factors: 2, userFactors: new Float32Array(2), itemFactors: new Float32Array(3) })).toThrow(/item factors/);
    expect(() => alsModelFromFactors({ userIds: ["a", "a"], itemIds: [], factors: 1, userFactors: new Float32Array(2), itemFactors: new Float32Array(0) })).toThrow(/user ids repeat/);
  });

  it("folds a fresh history into ALS without retraining, and says why an item is recommended", () => {
    const model = train("als");
    const history = { items: Int32Array.from([0, 1, 2]), weights: Float32Array.from([1, 1, 1]) };
    const scores = new Float32Array(items);
    expect(scoreItems(model, { history }, scores)).toBe(true);
    const best = topK(scores, 1, Uint8Array.from({ length: items }, (_, i) => (i < 3 ? 1 : 0))).indices[0]!;
    const reasons = explainRecommendation(model, { history }, best);
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) {
      expect(reason.kind).toBe("item");
      expect(reason.contribution).toBeGreaterThan(0);
    }
    expect(reasons.map((r) => r.contribution)).toEqual([...reasons.map((r) => r.contribution)].sort((a, b) => b - a));
  });

  it("says when it has nothing to offer a user, so the caller can fall back", () => {
    const scores = new Float32Array(items);
    const stranger: UserState = { genres: ["genre-0"] };
    expect(scoreItems(train("als"), stranger, scores)).toBe(false);
    expect(scores.every((s) => s === -Infinity)).toBe(true);
    expect(scoreItems(train("ease"), stranger, scores)).toBe(false);
    expect(scoreItems(train("hybrid"), stranger, scores)).toBe(true);
    expect(scoreItems(train("popular"), stranger, scores)).toBe(true);
  });

  it("finds similar items, including for a movie the hybrid has only genres of", () => {
    const out = new Float32Array(items);
    for (const algorithm of ["als", "hybrid", "ease"] as const) {
      expect(similarItems(train(algorithm), 3, out)).toBe(true);
      expect(out[3]).toBe(-Infinity);
    }
    expect(similarItems(train("hybrid"), { genres: ["genre-1"] }, out)).toBe(true);
    expect(similarItems(train("als"), { genres: ["genre-1"] }, out)).toBe(false);
  });

  it("ranks popular movies within the user's genres from any model", () => {
    const out = new Float32Array(items);
    genrePopularity(train("popular"), ["genre-1"], out);
    for (const i of topK(out, 10).indices) expect(data.itemGroup[i]).toBe(1);
  });
});

describe("hyperparameters", () => {
  it("fill in every default and keep what is given", () => {
    expect(parseHyperparameters("als")).toEqual({ factors: 64, iterations: 15, regularization: 40, alpha: 7, cgSteps: 3 });
    expect(parseHyperparameters("ease", { lambda: 10 })).toEqual({ lambda: 10, maxItems: 1000 });
    expect(parseHyperparameters("hybrid", { loss: "bpr" }).loss).toBe("bpr");
  });

  it("reject unknown or out-of-range fields, naming them", () => {
    expect(() => parseHyperparameters("als", { factor: 8 })).toThrow(ZodError);
    const result = hyperparameterSchemas.ease.safeParse({ maxItems: 0 });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(["maxItems"]);
  });
});

describe("new movies", () => {
  it("are scored by the hybrid from their genres, higher for users of that genre", () => {
    const model = trainModel("hybrid", data, smallParams.hybrid, { seed: 1 });
    const forGroup0 = scoreNewMovie(model, { userIndex: 0 }, ["genre-0"])!;
    const forGroup1 = scoreNewMovie(model, { userIndex: 0 }, ["genre-1"])!;
    expect(data.userGroup[0]).toBe(0);
    expect(forGroup0).toBeGreaterThan(forGroup1);
    expect(scoreNewMovie(train("als"), { userIndex: 0 }, ["genre-0"])).toBeNull();
  });
});
