DROP TABLE IF EXISTS pg_temp.sync_staging, pg_temp.sync_diff
