SELECT count(DISTINCT crate)
FROM sync_staging
