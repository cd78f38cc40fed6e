-- A new version listed twice in the input; the index never does that.
SELECT crate, version
FROM sync_diff
WHERE version_id IS NULL
GROUP BY crate, version
HAVING count(*) > 1
LIMIT 1
