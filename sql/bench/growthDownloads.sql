-- ? = days, ? = first artifact id, ? = last artifact id: a daily row for each of the last `days` days.
INSERT INTO job_artifact_downloads (artifact, date, downloads)
SELECT a.id, current_date - d, (a.id * 31 + d * 7) % 50
FROM job_artifacts a, generate_series(0, ?::int - 1) d
WHERE a.id BETWEEN ?::bigint AND ?::bigint
ORDER BY a.id, d
