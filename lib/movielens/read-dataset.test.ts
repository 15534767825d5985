import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readMovielensDataset } from "./read-dataset";

const dirs: string[] = [];
function datasetDir(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "marquee-ml-"));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe("reading a MovieLens directory for evaluation", () => {
  it("reads ml-latest movies with genres and ratings as weights of rating / 5", async () => {
    const dir = datasetDir({
      "movies.csv": 'movieId,title,genres\n1,Toy Story (1995),Adventure|Animation\n6,"Heat, the movie (1995)",Action|Crime\n7,Nothing (2000),(no genres listed)\n',
      "ratings.csv": "userId,movieId,rating,timestamp\r\n1,1,4.0,964982703\r\n1,6,5,964982931\r\n2,1,0.5,964982224\r\n",
    });
    const dataset = await readMovielensDataset(dir);
    expect(dataset.format).toBe("ml-latest");
    expect(dataset.movies.map((m) => [m.id, m.title, m.genres])).toEqual([
      ["1", "Toy Story", ["Adventure", "Animation"]],
      ["6", "Heat, the movie", ["Action", "Crime"]],
      ["7", "Nothing", []],
    ]);
    expect(dataset.interactions.map((i) => [i.userId, i.movieId, i.weight])).toEqual([
      ["1", "1", 0.8],
      ["1", "6", 1],
      ["2", "1", 0.1],
    ]);
    expect(dataset.interactions[0]!.ratedAt).toEqual(new Date(964982703 * 1000));
  });

  it("reads the ml-100k layout, its genres by flag column", async () => {
    const dir = datasetDir({
      "u.genre": "unknown|0\nAction|1\nComedy|2\n",
      "u.item": Buffer.from("1|Toy Story (1995)|01-Jan-1995||http://x|0|0|1\n2|Caf\xe9 (1996)|01-Jan-1996||http://y|0|1|1\n", "latin1"),
      "u.data": "196\t2\t3\t881250949\n",
    });
    const dataset = await readMovielensDataset(dir);
    expect(dataset.format).toBe("ml-100k");
    expect(dataset.movies.map((m) => [m.id, m.title, m.genres])).toEqual([
      ["1", "Toy Story", ["Comedy"]],
      ["2", "Café", ["Action", "Comedy"]],
    ]);
    expect(dataset.interactions.map((i) => [i.userId, i.movieId, i.weight])).toEqual([["196", "2", 0.6]]);
  });

  it("names the file and line of a bad record", async () => {
    const dir = datasetDir({
      "movies.csv": "movieId,title,genres\n1,Toy Story (1995),Comedy\n",
      "ratings.csv": "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,2,4.0,964982703\n",
    });
    await expect(readMovielensDataset(dir)).rejects.toThrow('ratings.csv:3: movieId "2" is not in the movie file');
    const badRating = datasetDir({ "movies.csv": "movieId,title,genres\n1,A (1995),Comedy\n", "ratings.csv": "userId,movieId,rating,timestamp\n1,1,9,1\n" });
    await expect(readMovielensDataset(badRating)).rejects.toThrow("ratings.csv:2: rating");
    await expect(readMovielensDataset(path.join(dir, "missing"))).rejects.toThrow(/cannot read the directory/);
  });
});
