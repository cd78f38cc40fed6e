-- crateList's search before V6, for comparison: every name containing the query or at least 0.3 similar to it
-- (pg_trgm's default threshold), in one query. ? is the query.
SELECT name, enabled, priority
FROM crates
WHERE name % ?
   OR name ILIKE '%' || replace(replace(replace(?, '!', '!!'), '%', '!%'), '_', '!_') || '%' ESCAPE '!'
ORDER BY name = ? DESC,
         similarity(name, ?) DESC,
         name
LIMIT 50
