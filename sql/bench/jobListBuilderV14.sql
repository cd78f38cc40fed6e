-- ? = a builder's id: the page of jobList by builder as V14's jobList.sql chose it (newest 100, no bound at the
-- builder's newest job), for the growth benchmark's comparison with a builder that stopped months ago.
SELECT j.id, j.uuid, j.builder, j.target, j.crate_version, j.stage, j.started, j.timeout, j.ended, j.success
FROM jobs j
WHERE j.builder = ?::bigint
ORDER BY j.id DESC
LIMIT 100
