-- Strong matches first, weaker ones only when there are none: see V6__crate_search.sql.
SELECT name, enabled, priority
FROM crate_search(:query, :pattern, :limit)
