-- Statistics for the planner: without them it takes a temporary table for a few rows, and joins a quarter million
-- of them to crates by index lookups instead of hashing.
ANALYZE sync_groups
