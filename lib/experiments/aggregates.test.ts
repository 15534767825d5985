import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregateDelta, emptyAggregate, isEmptyAggregate, mergeAggregates, sessionContribution, STATS_SHARDS, statsShardOf, type SessionFeedback, type VariantAggregate } from "./aggregates";

const shownTen = ["m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9", "m10"];

function total(sessions: readonly SessionFeedback[], k?: number): VariantAggregate {
  return sessions.reduce((sum, session) => mergeAggregates(sum, sessionContribution(session, k)), emptyAggregate());
}

/** Equal up to the rounding that adding and subtracting fractions leaves. */
function expectSameAggregate(actual: VariantAggregate, expected: VariantAggregate) {
  for (const key of ["sessions", "impressions", "clicks", "likes", "dislikes"] as const) expect(actual[key]).toBe(expected[key]);
  for (const key of ["positionScore", "precisionAtK", "recallAtK"] as const) {
    expect(actual[key].n).toBe(expected[key].n);
    expect(actual[key].sum).toBeCloseTo(expected[key].sum, 9);
    expect(actual[key].sumSquares).toBeCloseTo(expected[key].sumSquares, 9);
  }
}

describe("one session's contribution", () => {
  it("counts a session where the viewer opened the 2nd of ten, liked the 4th and disliked the 7th", () => {
    // Positives {m2, m4}; the top 3 hold m2: P@3 = 1/3, R@3 = 1/2. Position score (10 − 1)/10 × 10 = 9.
    const contribution = sessionContribution({
      shownMovieIds: shownTen,
      selectedMovieId: "m2",
      reactions: [
        { movieId: "m4", liked: true },
        { movieId: "m7", liked: false },
      ],
    });
    expect(contribution).toEqual({
      sessions: 1,
      impressions: 10,
      clicks: 1,
      likes: 1,
      dislikes: 1,
      positionScore: { n: 1, sum: 9, sumSquares: 81 },
      precisionAtK: { n: 1, sum: 1 / 3, sumSquares: 1 / 9 },
      recallAtK: { n: 1, sum: 0.5, sumSquares: 0.25 },
    });
  });

  it("counts a session without feedback in sessions, impressions and a zero P@K, but not in the score or R@K", () => {
    expect(sessionContribution({ shownMovieIds: shownTen })).toEqual({
      ...emptyAggregate(),
      sessions: 1,
      impressions: 10,
      precisionAtK: { n: 1, sum: 0, sumSquares: 0 },
    });
  });

  it("scores a pick from outside the list (seed 000's form allows it) 0, with no click and a missed positive", () => {
    const contribution = sessionContribution({ shownMovieIds: shownTen, selectedMovieId: "m99" });
    expect(contribution.clicks).toBe(0);
    expect(contribution.positionScore).toEqual({ n: 1, sum: 0, sumSquares: 0 });
    expect(contribution.recallAtK).toEqual({ n: 1, sum: 0, sumSquares: 0 });
  });

  it("lets a later reaction to a movie replace an earlier one, and a dislike undo the selection as a positive", () => {
    const changedMind = sessionContribution({
      shownMovieIds: shownTen,
      selectedMovieId: "m1",
      reactions: [
        { movieId: "m3", liked: true },
        { movieId: "m3", liked: false },
        { movieId: "m1", liked: false },
      ],
    });
    expect(changedMind.likes).toBe(0);
    expect(changedMind.dislikes).toBe(2);
    expect(changedMind.clicks).toBe(1);
    expect(changedMind.precisionAtK.sum).toBe(0);
    expect(changedMind.recallAtK.n).toBe(0);
  });

  it("counts a cleared like or dislike as no reaction, and a cleared dislike gives the selection back as a positive", () => {
    const cleared = sessionContribution({
      shownMovieIds: shownTen,
      selectedMovieId: "m1",
      reactions: [
        { movieId: "m3", liked: true },
        { movieId: "m1", liked: false },
        { movieId: "m3", liked: null },
        { movieId: "m1", liked: null },
      ],
    });
    expect(cleared).toEqual(sessionContribution({ shownMovieIds: shownTen, selectedMovieId: "m1" }));
    expect(cleared.likes).toBe(0);
    expect(cleared.dislikes).toBe(0);
    expect(cleared.precisionAtK.sum).toBeCloseTo(1 / 3, 15);
  });

  it("counts a movie listed twice in the top K once", () => {
    const contribution = sessionContribution({ shownMovieIds: ["a", "a", "b", "c"], selectedMovieId: "a" }, 3);
    expect(contribution.precisionAtK.sum).toBeCloseTo(1 / 3, 15);
    expect(contribution.recallAtK.sum).toBe(1);
    expect(contribution.positionScore.sum).toBe(10);
  });

  it("divides P@K by K even when fewer than K movies were shown", () => {
    expect(sessionContribution({ shownMovieIds: ["a"], selectedMovieId: "a" }, 3).precisionAtK.sum).toBeCloseTo(1 / 3, 15);
    expect(sessionContribution({ shownMovieIds: [], selectedMovieId: null }).impressions).toBe(0);
  });

  it("rejects a K that is not a positive whole number", () => {
    expect(() => sessionContribution({ shownMovieIds: shownTen }, 0)).toThrow(RangeError);
    expect(() => sessionContribution({ shownMovieIds: shownTen }, 2.5)).toThrow(RangeError);
  });
});

describe("keeping the aggregate up to date", () => {
  it("reaches the recomputed total when feedback arrives after the sessions were counted", () => {
    const logged: SessionFeedback[] = [{ shownMovieIds: shownTen }, { shownMovieIds: ["m5", "m6", "m7"] }, { shownMovieIds: shownTen }];
    const withFeedback: SessionFeedback[] = [
      { shownMovieIds: shownTen, selectedMovieId: "m3" },
      { shownMovieIds: ["m5", "m6", "m7"], reactions: [{ movieId: "m6", liked: true }] },
      { shownMovieIds: shownTen },
    ];
    let stored = total(logged);
    logged.forEach((session, i) => {
      stored = mergeAggregates(stored, aggregateDelta(sessionContribution(session), sessionContribution(withFeedback[i]!)));
    });
    expectSameAggregate(stored, total(withFeedback));
    expect(stored.clicks).toBe(1);
    expect(stored.likes).toBe(1);
    expect(stored.positionScore).toEqual({ n: 1, sum: 8, sumSquares: 64 });
  });

  it("moves nothing when the same feedback is sent again", () => {
    const session = { shownMovieIds: shownTen, selectedMovieId: "m2" };
    expect(isEmptyAggregate(aggregateDelta(sessionContribution(session), sessionContribution(session)))).toBe(true);
    expect(isEmptyAggregate(sessionContribution(session))).toBe(false);
  });

  it("takes a like back out of the totals when it is cleared, and moves nothing when it is cleared again", () => {
    const liked = { shownMovieIds: shownTen, reactions: [{ movieId: "m2", liked: true }] };
    const cleared = { shownMovieIds: shownTen, reactions: [...liked.reactions, { movieId: "m2", liked: null }] };
    const clearedTwice = { shownMovieIds: shownTen, reactions: [...cleared.reactions, { movieId: "m2", liked: null }] };
    let stored = total([liked]);
    expect(stored.likes).toBe(1);
    stored = mergeAggregates(stored, aggregateDelta(sessionContribution(liked), sessionContribution(cleared)));
    expectSameAggregate(stored, total([{ shownMovieIds: shownTen }]));
    expect(isEmptyAggregate(aggregateDelta(sessionContribution(cleared), sessionContribution(clearedTwice)))).toBe(true);
  });

  it("gives the same totals whatever order sessions and their later feedback arrive in", () => {
    const movie = fc.constantFrom("m1", "m2", "m3", "m4", "m5", "m6");
    const session = fc.record({
      shownMovieIds: fc.array(movie, { maxLength: 6 }),
      selectedMovieId: fc.option(movie, { nil: null }),
      reactions: fc.array(fc.record({ movieId: movie, liked: fc.option(fc.boolean(), { nil: null }) }), { maxLength: 4 }),
    });
    fc.assert(
      fc.property(fc.array(session, { maxLength: 12 }), fc.integer({ min: 1, max: 4 }), (sessions, k) => {
        // Count each session bare, then its selection, then each reaction, as the API would.
        let stored = emptyAggregate();
        for (const s of sessions) {
          let counted: SessionFeedback = { shownMovieIds: s.shownMovieIds };
          stored = mergeAggregates(stored, sessionContribution(counted, k));
          const steps: SessionFeedback[] = [{ ...counted, selectedMovieId: s.selectedMovieId }];
          for (let i = 1; i <= s.reactions.length; i++) steps.push({ ...s, reactions: s.reactions.slice(0, i) });
          for (const next of steps) {
            stored = mergeAggregates(stored, aggregateDelta(sessionContribution(counted, k), sessionContribution(next, k)));
            counted = next;
          }
        }
        expectSameAggregate(stored, total(sessions, k));
      }),
    );
  });

  it("merges two days into the total of both, in either order", () => {
    const monday = total([{ shownMovieIds: shownTen, selectedMovieId: "m1" }, { shownMovieIds: shownTen }]);
    const tuesday = total([{ shownMovieIds: ["m2", "m3"], reactions: [{ movieId: "m3", liked: false }] }]);
    const both = mergeAggregates(monday, tuesday);
    expect(both).toEqual(mergeAggregates(tuesday, monday));
    expect(both.sessions).toBe(3);
    expect(both.impressions).toBe(22);
    expect(both.dislikes).toBe(1);
    expect(mergeAggregates(both, emptyAggregate())).toEqual(both);
  });
});

describe("the shard of a user's totals", () => {
  it("is the same for a user every time, and spreads 1,000 users over every shard", () => {
    expect(statsShardOf("user-42")).toBe(statsShardOf("user-42"));
    const perShard = new Array<number>(STATS_SHARDS).fill(0);
    for (let i = 0; i < 1000; i++) perShard[statsShardOf(`user-${i}`)]!++;
    // 62.5 expected per shard; none empty and none with a quarter of everyone.
    expect(Math.min(...perShard)).toBeGreaterThan(30);
    expect(Math.max(...perShard)).toBeLessThan(100);
  });
});
