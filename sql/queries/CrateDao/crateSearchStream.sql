-- Every match of crate_search (crate list QUERY --all), in its order; see V6__crate_search.sql.
SELECT name, enabled, priority
FROM crate_search(:query, :pattern, 2147483647) WITH ORDINALITY AS found (name, enabled, priority, rank)
ORDER BY rank
