-- One batch of download retention (WriteHandle.downloadsPrune): the oldest :limit daily rows before :before, found
-- by job_artifact_downloads_date (V9). job_artifacts.downloads, each artifact's total, is left as it is.
DELETE FROM job_artifact_downloads d
USING (
    SELECT artifact, date
    FROM job_artifact_downloads
    WHERE date < :before
    ORDER BY date
    LIMIT :limit
) o
WHERE d.artifact = o.artifact
  AND d.date = o.date
