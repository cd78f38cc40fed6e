-- Strong matches first, weaker ones only when there are none: see V6__crate_search.sql. A page after the first
-- skips rows in the function's own order (WITH ORDINALITY numbers them as it returns them).
SELECT name, enabled, priority
FROM crate_search(:query, :pattern, :limit + :offset) WITH ORDINALITY AS found (name, enabled, priority, rank)
WHERE rank > :offset
ORDER BY rank
