-- Locks the job against a concurrent stage change or finish while lines are appended to its log.
SELECT id, stage, ended IS NULL AS running
FROM jobs
WHERE uuid = :uuid
FOR SHARE
