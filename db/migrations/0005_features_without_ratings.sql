-- A user's ratings are read from the ratings table; the stored features document no longer keeps
-- its own copy (which grew with every movie rated, and was rewritten whole on every batch).
UPDATE "user_features" SET "features" = "features" - 'ratings' - 'averageRating' - 'likedMovies'
WHERE "features" ?| array['ratings', 'averageRating', 'likedMovies'];
