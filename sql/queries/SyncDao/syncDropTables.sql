-- Before and after a large sync: its tables are new (see syncPrepareTables.sql) and their space is freed at once.
DROP TABLE IF EXISTS pg_temp.sync_staging, pg_temp.sync_groups, pg_temp.sync_diff, pg_temp.sync_missing
