-- How many crates crate_search finds without a limit, for "50 of 1,234 shown".
SELECT count(*)
FROM crate_search(:query, :pattern, 2147483647)
