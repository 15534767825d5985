import { fail, ok, type ParseResult } from "./result";

/**
 * One MovieLens line (already split into fields) → one record, or the reason it is wrong, naming
 * the field. Pure: the caller knows the file and line and adds them to the message.
 */

export interface MovieRecord {
  id: string;
  title: string;
  year: number | null;
  genres: string[];
  /** ml-100k gives a release date ("01-Jan-1995"); ml-latest does not. */
  releaseDate: string | null;
}

export interface LinkRecord {
  movieId: string;
  imdbId: string | null;
  tmdbId: number | null;
}

export interface RatingRecord {
  userId: string;
  movieId: string;
  rating: number;
  ratedAt: Date;
}

export interface TagRecord {
  userId: string;
  movieId: string;
  tag: string;
  taggedAt: Date;
}

export const mlLatestHeaders = {
  movies: "movieId,title,genres",
  links: "movieId,imdbId,tmdbId",
  ratings: "userId,movieId,rating,timestamp",
  tags: "userId,movieId,tag,timestamp",
} as const;

export function checkHeader(fields: readonly string[], expected: string): ParseResult<true> {
  const found = fields.map((f) => f.trim()).join(",");
  return found === expected ? ok(true) : fail(`expected the header "${expected}", found "${found}"`);
}

const ML_ID = /^(0|[1-9][0-9]{0,9})$/;
const UNIX_SECONDS = /^[0-9]{1,11}$/;
const DECIMAL = /^[0-9]+(\.[0-9]+)?$/;
const NO_GENRES = "(no genres listed)";
// "Heat (1995)", "Death Note: Desu nôto (2006–2007)", "Naruto (2002-)": the first year is the year.
const YEAR_SUFFIX = /^(.*?)\s*\(([0-9]{4})(?:\s*[–-]\s*(?:[0-9]{4})?)?\)$/;

function expectFields(fields: readonly string[], names: readonly string[]): string | null {
  return fields.length === names.length ? null : `expected ${names.length} fields (${names.join(", ")}), found ${fields.length}`;
}

function parseId(field: string, value: string): ParseResult<string> {
  const trimmed = value.trim();
  return ML_ID.test(trimmed) ? ok(trimmed) : fail(`${field} "${value}" is not a MovieLens id (a whole number)`);
}

function parseUnixTime(field: string, value: string): ParseResult<Date> {
  const trimmed = value.trim();
  return UNIX_SECONDS.test(trimmed) ? ok(new Date(Number(trimmed) * 1000)) : fail(`${field} "${value}" is not a unix time in seconds`);
}

/** "Heat (1995)" → { title: "Heat", year: 1995 }; a title without a year is kept whole. */
export function splitTitleYear(raw: string): { title: string; year: number | null } {
  const title = raw.trim();
  const match = YEAR_SUFFIX.exec(title);
  // A title that is nothing but a year ("(1995)") keeps it, so it is not left empty.
  if (!match || match[1] === "") return { title, year: null };
  return { title: match[1]!, year: Number(match[2]) };
}

/** "Action|Comedy" → ["Action", "Comedy"]; "(no genres listed)" → []. */
export function parseGenres(value: string): string[] {
  return value
    .split("|")
    .map((g) => g.trim())
    .filter((g) => g !== "" && g !== NO_GENRES);
}

export function parseMovieRow(fields: readonly string[]): ParseResult<MovieRecord> {
  const wrongCount = expectFields(fields, ["movieId", "title", "genres"]);
  if (wrongCount) return fail(wrongCount);
  const id = parseId("movieId", fields[0]!);
  if (!id.ok) return id;
  if (fields[1]!.trim() === "") return fail("title is empty");
  const { title, year } = splitTitleYear(fields[1]!);
  return ok({ id: id.value, title, year, genres: parseGenres(fields[2]!), releaseDate: null });
}

/** imdbId "0114709" → "tt0114709" (IMDb pads to 7 digits; newer ids have 8). Empty ids are null. */
export function parseLinkRow(fields: readonly string[]): ParseResult<LinkRecord> {
  const wrongCount = expectFields(fields, ["movieId", "imdbId", "tmdbId"]);
  if (wrongCount) return fail(wrongCount);
  const movieId = parseId("movieId", fields[0]!);
  if (!movieId.ok) return movieId;

  const imdbRaw = fields[1]!.trim();
  if (imdbRaw !== "" && !/^[0-9]{1,10}$/.test(imdbRaw)) return fail(`imdbId "${fields[1]}" is not a number`);
  const imdbId = imdbRaw === "" ? null : `tt${String(Number(imdbRaw)).padStart(7, "0")}`;

  const tmdbRaw = fields[2]!.trim();
  let tmdbId: number | null = null;
  if (tmdbRaw !== "") {
    tmdbId = /^[0-9]{1,10}$/.test(tmdbRaw) ? Number(tmdbRaw) : NaN;
    if (!Number.isSafeInteger(tmdbId) || tmdbId > 2_147_483_647) return fail(`tmdbId "${fields[2]}" is not a whole number below 2^31`);
  }
  return ok({ movieId: movieId.value, imdbId, tmdbId });
}

/** A ratings.csv line, or a u.data line (the same four fields, tab-separated). */
export function parseRatingRow(fields: readonly string[]): ParseResult<RatingRecord> {
  const wrongCount = expectFields(fields, ["userId", "movieId", "rating", "timestamp"]);
  if (wrongCount) return fail(wrongCount);
  const userId = parseId("userId", fields[0]!);
  if (!userId.ok) return userId;
  const movieId = parseId("movieId", fields[1]!);
  if (!movieId.ok) return movieId;

  const ratingRaw = fields[2]!.trim();
  if (!DECIMAL.test(ratingRaw)) return fail(`rating "${fields[2]}" is not a number`);
  const rating = Number(ratingRaw);
  if (rating < 0.5 || rating > 5) return fail(`rating "${fields[2]}" is not between 0.5 and 5`);
  if (!Number.isInteger(rating * 2)) return fail(`rating "${fields[2]}" is not a whole or half star`);

  const ratedAt = parseUnixTime("timestamp", fields[3]!);
  if (!ratedAt.ok) return ratedAt;
  return ok({ userId: userId.value, movieId: movieId.value, rating, ratedAt: ratedAt.value });
}

export function parseTagRow(fields: readonly string[]): ParseResult<TagRecord> {
  const wrongCount = expectFields(fields, ["userId", "movieId", "tag", "timestamp"]);
  if (wrongCount) return fail(wrongCount);
  const userId = parseId("userId", fields[0]!);
  if (!userId.ok) return userId;
  const movieId = parseId("movieId", fields[1]!);
  if (!movieId.ok) return movieId;
  const tag = fields[2]!.trim();
  if (tag === "") return fail("tag is empty");
  const taggedAt = parseUnixTime("timestamp", fields[3]!);
  if (!taggedAt.ok) return taggedAt;
  return ok({ userId: userId.value, movieId: movieId.value, tag, taggedAt: taggedAt.value });
}

/** A u.genre line: "Action|1" → the genre's name at flag column 1. */
export function parseGenreRow(fields: readonly string[]): ParseResult<{ name: string; index: number }> {
  const wrongCount = expectFields(fields, ["name", "index"]);
  if (wrongCount) return fail(wrongCount);
  const name = fields[0]!.trim();
  if (name === "") return fail("genre name is empty");
  if (!/^[0-9]{1,2}$/.test(fields[1]!.trim())) return fail(`genre index "${fields[1]}" is not a small whole number`);
  return ok({ name, index: Number(fields[1]!.trim()) });
}

/**
 * ml-100k names genres by position; its "unknown" genre plays the part of "(no genres listed)".
 * Returns the name of each flag column, in order.
 */
export function genreColumns(genres: readonly { name: string; index: number }[]): ParseResult<string[]> {
  const columns: string[] = [];
  for (const { name, index } of genres) {
    if (columns[index] !== undefined) return fail(`genre index ${index} is used twice`);
    columns[index] = name;
  }
  for (let i = 0; i < columns.length; i++) if (columns[i] === undefined) return fail(`no genre has index ${i}`);
  return ok(columns);
}

const MONTHS: Record<string, string> = {
  jan: "01", feb: "02", mar: "03", apr: "04", may: "05", jun: "06",
  jul: "07", aug: "08", sep: "09", oct: "10", nov: "11", dec: "12",
};

/** "01-Jan-1995" → "1995-01-01". */
export function parseReleaseDate(value: string): ParseResult<string | null> {
  const trimmed = value.trim();
  if (trimmed === "") return ok(null);
  const match = /^([0-9]{1,2})-([A-Za-z]{3})-([0-9]{4})$/.exec(trimmed);
  const month = match ? MONTHS[match[2]!.toLowerCase()] : undefined;
  const day = match ? Number(match[1]) : 0;
  if (!match || !month || day < 1 || day > 31) return fail(`release date "${value}" is not a date like 01-Jan-1995`);
  return ok(`${match[3]}-${month}-${String(day).padStart(2, "0")}`);
}

/** A u.item line: id|title|release date|video release date|IMDb URL|one 0/1 flag per genre. */
export function parseItemRow(fields: readonly string[], genreNames: readonly string[]): ParseResult<MovieRecord> {
  const expected = 5 + genreNames.length;
  if (fields.length !== expected) {
    return fail(`expected ${expected} fields (movie id, title, release date, video release date, IMDb URL and ${genreNames.length} genre flags), found ${fields.length}`);
  }
  const id = parseId("movie id", fields[0]!);
  if (!id.ok) return id;
  if (fields[1]!.trim() === "") return fail("title is empty");
  const releaseDate = parseReleaseDate(fields[2]!);
  if (!releaseDate.ok) return releaseDate;

  const genres: string[] = [];
  for (let i = 0; i < genreNames.length; i++) {
    const flag = fields[5 + i]!.trim();
    if (flag !== "0" && flag !== "1") return fail(`genre flag ${genreNames[i]} "${fields[5 + i]}" is not 0 or 1`);
    if (flag === "1" && genreNames[i] !== "unknown") genres.push(genreNames[i]!);
  }
  const { title, year } = splitTitleYear(fields[1]!);
  const yearOfRelease = releaseDate.value ? Number(releaseDate.value.slice(0, 4)) : null;
  return ok({ id: id.value, title, year: year ?? yearOfRelease, genres, releaseDate: releaseDate.value });
}

/** A u.user line: id|age|gender|occupation|zip. Only the id is kept; the rest is not ours to store. */
export function parseUserRow(fields: readonly string[]): ParseResult<{ id: string }> {
  const wrongCount = expectFields(fields, ["user id", "age", "gender", "occupation", "zip code"]);
  if (wrongCount) return fail(wrongCount);
  const id = parseId("user id", fields[0]!);
  if (!id.ok) return id;
  return ok({ id: id.value });
}
