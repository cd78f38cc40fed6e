SELECT id, stage, ended IS NULL AS running
FROM jobs
WHERE uuid = :uuid
