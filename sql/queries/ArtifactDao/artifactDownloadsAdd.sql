-- One statement for the whole batch: entries for the same artifact and day are summed first (an upsert may
-- touch a row only once), then the daily rows and the artifacts' totals grow by the same amounts, in id order.
WITH batch AS (
    SELECT artifact, day, sum(n)::bigint AS n
    FROM unnest(CAST(:artifacts AS bigint[]), CAST(:days AS date[]), CAST(:counts AS bigint[])) AS b(artifact, day, n)
    GROUP BY artifact, day
),
daily AS (
    INSERT INTO job_artifact_downloads (artifact, date, downloads)
    SELECT artifact, day, n
    FROM batch
    ORDER BY artifact, day
    ON CONFLICT (artifact, date) DO UPDATE
    SET downloads = job_artifact_downloads.downloads + EXCLUDED.downloads
    RETURNING artifact
)
UPDATE job_artifacts a
SET downloads = a.downloads + t.n
FROM (SELECT artifact, sum(n)::bigint AS n FROM batch GROUP BY artifact) t
WHERE a.id = t.artifact
