-- Any version listed twice in the input (run only when the counts show the input matched more stored
-- versions than exist).
SELECT crate, version
FROM sync_staging
GROUP BY crate, version
HAVING count(*) > 1
LIMIT 1
