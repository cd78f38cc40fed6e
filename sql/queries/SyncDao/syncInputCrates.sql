-- DISTINCT in a subquery hashes (count(DISTINCT ...) would sort millions of names).
SELECT count(*)
FROM (SELECT DISTINCT crate FROM sync_staging) crates
