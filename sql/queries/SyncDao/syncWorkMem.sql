-- The diff joins a million-row staging table with crates and crate_versions: enough memory for hash joins,
-- for this transaction only.
SET LOCAL work_mem = '256MB'
