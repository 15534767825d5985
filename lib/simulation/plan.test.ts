import { describe, expect, it } from "vitest";
import { chooseMovie, cycleOf, movieLensForm, planSimulation, startsTraining, userGroup, watchOf } from "./plan";

const dataset = {
  movies: Array.from({ length: 10 }, (_, i) => ({ id: String(i + 1), title: `Movie ${i + 1}`, year: i % 2 ? 1999 : null, genres: i % 3 ? ["Drama", "Crime"] : [] })),
  ratings: [
    { userId: "10", movieId: "1", rating: 4 },
    { userId: "2", movieId: "1", rating: 3.5 },
    { userId: "2", movieId: "3", rating: 5 },
    { userId: "7", movieId: "4", rating: 1 },
  ],
};

describe("the simulation's plan", () => {
  it("releases every movie once, in an order fixed by the seed, and the first N with --movies", () => {
    const plan = planSimulation(dataset, { seed: 7 });
    expect(new Set(plan.movies.map((m) => m.id)).size).toBe(10);
    expect(planSimulation(dataset, { seed: 7 }).movies.map((m) => m.id)).toEqual(plan.movies.map((m) => m.id));
    expect(planSimulation(dataset, { seed: 8 }).movies.map((m) => m.id)).not.toEqual(plan.movies.map((m) => m.id));
    const first = planSimulation(dataset, { seed: 7, movieLimit: 3 });
    expect(first.movies.map((m) => m.id)).toEqual(plan.movies.slice(0, 3).map((m) => m.id));
  });

  it("lists a movie's raters in a stable order and counts one reaction per rating of the planned movies", () => {
    const plan = planSimulation(dataset, { seed: 1 });
    expect(plan.ratersOf.get("1")).toEqual(["2", "10"]);
    expect(plan.totalReactions).toBe(4);
    expect(plan.ratingsOf.get("2")?.get("3")).toBe(5);
  });

  it("sends a movie in MovieLens's form: the year in the title, genres joined by |", () => {
    expect(movieLensForm({ id: "296", title: "Pulp Fiction", year: 1994, genres: ["Comedy", "Crime"] })).toEqual({ movieId: "296", title: "Pulp Fiction (1994)", genres: "Comedy|Crime" });
    expect(movieLensForm({ id: "9", title: "Untitled", year: null, genres: [] })).toEqual({ movieId: "9", title: "Untitled", genres: "(no genres listed)" });
  });

  it("alternates A/A and A/B every cycle length, starting with A/A, and trains every M movies after the first", () => {
    expect([0, 1999, 2000, 3999, 4000].map((i) => cycleOf(i, 2000))).toEqual([
      { actionCycle: 0, phase: "A/A" },
      { actionCycle: 0, phase: "A/A" },
      { actionCycle: 1, phase: "A/B" },
      { actionCycle: 1, phase: "A/B" },
      { actionCycle: 2, phase: "A/A" },
    ]);
    expect([0, 1, 499, 500, 1000].map((i) => startsTraining(i, 500))).toEqual([false, false, false, true, true]);
  });

  it("keeps a user in one group, with about half of users in each", () => {
    expect(userGroup("42")).toBe(userGroup("42"));
    const a = Array.from({ length: 1000 }, (_, i) => userGroup(String(i))).filter((g) => g === "A").length;
    expect(a).toBeGreaterThan(450);
    expect(a).toBeLessThan(550);
  });

  it("opens the released movie when it is listed, else the best-liked movie listed, else nothing", () => {
    const ratings = new Map([["a", 4], ["b", 5], ["c", 2]]);
    expect(chooseMovie(["a", "new", "b"], "new", ratings)).toBe("new");
    expect(chooseMovie(["a", "c", "b"], "new", ratings)).toBe("b");
    expect(chooseMovie(["c", "x"], "new", ratings)).toBeNull();
    expect(chooseMovie(["a"], "new", undefined)).toBeNull();
  });

  it("watches more of a movie the better it was rated", () => {
    expect(watchOf(5)).toEqual({ watchDuration: 6000, progressPercent: 100 });
    expect(watchOf(2.5)).toEqual({ watchDuration: 3000, progressPercent: 50 });
  });
});
