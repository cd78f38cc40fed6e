-- Both conditions can use the trigram GIN index crates_name_trgm: '%' (similarity above
-- pg_trgm.similarity_threshold) finds misspellings, ILIKE finds substrings too short to be similar.
SELECT name, enabled, priority
FROM crates
WHERE name % :query
   OR name ILIKE :pattern ESCAPE '!'
ORDER BY name = :query DESC,
         similarity(name, :query) DESC,
         name
LIMIT :limit
