import { createTokenSchema } from "@/lib/auth/token-service";
import { changeRoleSchema } from "@/lib/auth/user-service";
import { signUpSchema } from "@/lib/auth/sign-in";
import { movieListQuery, theaterListQuery } from "@/lib/catalog/query-schemas";
import { KNOWN_GENRES, movieFields, theaterFields } from "@/lib/catalog/schemas";
import { paginationSchema } from "@/lib/http/pagination";
import { idSchema } from "@/lib/ids/ids";
import { deadLetterListQuery } from "@/lib/dead-letters/dead-letter-service";
import { eventSchemas } from "@/lib/events/schemas";
import { refreshQuery } from "@/lib/features/feature-service";
import { batchListQuery, findShowtimesSchema, wizardMoviesQuery } from "@/lib/showtimes/api-schemas";
import { createBatchSchema } from "@/lib/showtimes/batch-request";
import { seatBlockSchema, seatRowSchema } from "@/lib/theaters/seat-map";
import { describeField } from "./schema-registry";

/*
 * Words for the fields of the schemas the routes own. They attach to the very schema instances the
 * routes parse with, so a field shared by several schemas (movieFields.title in create, update and
 * the Movie response) is described once.
 */

describeField(idSchema, "1–64 characters: letters, digits and . _ : - (not first). A MovieLens id such as \"296\", or one from another system.");

describeField(movieFields.year, "Release year");
describeField(movieFields.runtimeMinutes, "Running time in minutes");
describeField(movieFields.genres, `Genre names. Forms offer the MovieLens genres: ${KNOWN_GENRES.join(", ")}; others are accepted.`);
describeField(movieFields.overview, "A short synopsis");
describeField(movieFields.releaseDate, "First release, YYYY-MM-DD");
describeField(movieFields.tmdbId, "The Movie Database (TMDB) id");
describeField(movieFields.imdbId, "IMDb id, e.g. tt0110912");

describeField(theaterFields.name, "Shown to viewers, e.g. \"Odeon 1\"");
describeField(theaterFields.timeZone, "IANA time zone such as Europe/Berlin; show times are local to it");
describeField(theaterFields.turnoverMinutes, "Cleaning time after each show; the next show may start when it is over");
// Block names and row labels are one schema instance in lib/theaters/seat-map.ts, so one text.
describeField(seatBlockSchema.shape.name, "A block's name (\"Main\", \"Balcony\") or a row's label (\"A\"); unique among its siblings");
describeField(seatRowSchema.shape.positions, "Places in the row from left to right, seats and gaps together");
describeField(seatRowSchema.shape.gaps, "Positions (1-based) that are aisles or missing seats");

describeField(movieListQuery.shape.q, "Part of the title (case-insensitive), or an exact movie id");
describeField(movieListQuery.shape.genre, "Only movies with this genre (exact name)");
describeField(movieListQuery.shape.sort, "Order: by title, year or release date; a leading - reverses it; -created is newest first");
describeField(theaterListQuery.shape.q, "Part of the name or the city (case-insensitive)");
describeField(theaterListQuery.shape.city, "Only theaters in this city (exact name)");
describeField(theaterListQuery.shape.minSeats, "Only theaters with at least this many seats");
describeField(theaterListQuery.shape.maxSeats, "Only theaters with at most this many seats");
describeField(paginationSchema.limit, "Items per page");
describeField(paginationSchema.offset, "Items to skip: 0 for the first page, then the previous answer's nextOffset");

describeField(createTokenSchema.shape.name, "Who or what uses the token, e.g. \"recommender\"");
describeField(createTokenSchema.shape.scopes, "What the token may do. An admin token may do everything an admin may.");
describeField(changeRoleSchema.shape.role, "admin or viewer. The last admin cannot be made a viewer.");
describeField(signUpSchema.shape.email, "Used to sign in; stored lower-case");
describeField(signUpSchema.shape.displayName, "What to call you");

describeField(createBatchSchema.shape.theaterIds, "The theaters to show it in, each once");
describeField(createBatchSchema.shape.durationInMinutes, "Length of each show; the theater's turnover is added after it");
describeField(createBatchSchema.shape.startTimes, "ISO 8601 instants with an offset, e.g. 2031-01-05T19:00:00+01:00, for every theater");
describeField(createBatchSchema.shape.startTimesByTheater, "Theater id → its own start times, replacing startTimes for that theater");
describeField(findShowtimesSchema.shape.from, "Start of the range (ISO 8601 with offset); default and minimum: now");
describeField(findShowtimesSchema.shape.to, "End of the range; showtimes starting before it");
describeField(findShowtimesSchema.shape.limit, "At most this many; `truncated` says when there were more");
describeField(batchListQuery.shape.status, "Only batches with this status");
describeField(wizardMoviesQuery.shape.q, "Part of the title (case-insensitive)");

const { watch, search, rating, favorite } = eventSchemas;
describeField(watch.shape.requestId, "Your id for this event, so a retry is recognised as a duplicate; generated when left out");
describeField(watch.shape.clientTimestamp, "When it happened on the device (ISO 8601 with offset); the server's time when left out");
describeField(watch.shape.metadata.shape.watchDuration, "Seconds watched in this session");
describeField(watch.shape.metadata.shape.progressPercent, "How far into the movie, 0–100");
describeField(search.shape.metadata.shape.query, "What was typed");
describeField(search.shape.metadata.shape.filters, "Filters applied, name → value");
describeField(search.shape.movieId, "The result picked, if any");
describeField(rating.shape.metadata.shape.previousRating, "The rating it replaces, if any");
describeField(favorite.shape.metadata.shape.listId, "Which list, when there are several");
describeField(refreshQuery.shape.daysBack, "How many days of events to rebuild from");
describeField(deadLetterListQuery.shape.status, "Only dead letters with this status");
