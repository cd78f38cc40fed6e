-- Crates the client could not check for a version listed twice: listed in several groups, or in a group too large
-- to hold. (It checked every other group, and rejects the input itself if one lists a version twice.)
SELECT count(*)
FROM sync_groups
WHERE groups > 1 OR NOT checked
