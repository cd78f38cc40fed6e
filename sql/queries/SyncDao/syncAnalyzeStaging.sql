-- Statistics for the planner, for a small input: without them it guesses hundreds of rows in the staging table and,
-- on a crate_versions not analyzed since a large sync, joins it by reading the whole table (seconds) instead of
-- looking each row up in the indexes (milliseconds).
ANALYZE sync_staging
