-- One home for each rule and each projection (issue 15).
--
-- Queue settings: the ranges of rs.builds.database.QueueSettings (max attempts 1 to 100, lease one second to 365
-- days, retry backoff 0 to 365 days; QueueSettingsSchemaTest proves the CHECKs agree with it value for value). V2
-- checked lease and backoff only from below, so a write through psql could store a lease of ten years that the API
-- refuses and no claim's timestamp arithmetic expects. A value stored beyond the new limit is brought down to it.
UPDATE queue_settings
SET lease = LEAST(lease, interval '365 days'),
    retry_backoff = LEAST(retry_backoff, interval '365 days')
WHERE lease > interval '365 days' OR retry_backoff > interval '365 days';
ALTER TABLE queue_settings
    DROP CONSTRAINT queue_settings_max_attempts_check,
    DROP CONSTRAINT queue_settings_lease_check,
    DROP CONSTRAINT queue_settings_retry_backoff_check,
    ADD CONSTRAINT queue_settings_max_attempts_range CHECK (max_attempts BETWEEN 1 AND 100),
    ADD CONSTRAINT queue_settings_lease_range CHECK (lease BETWEEN interval '1 second' AND interval '365 days'),
    ADD CONSTRAINT queue_settings_retry_backoff_range
        CHECK (retry_backoff BETWEEN interval '0 seconds' AND interval '365 days');

-- A builder as the API shows it (rs.builds.database.Builder), for builderGet and builderList: one statement, so the
-- builder and its targets come from one snapshot.
CREATE VIEW builder_details AS
SELECT b.id, b.uuid, p.encoded, b.comment, b.enabled, b.heartbeat,
       array(SELECT t.name
             FROM builder_targets bt
             JOIN targets t ON t.id = bt.target
             WHERE bt.builder = b.id
             ORDER BY t.name) AS targets
FROM builders b
JOIN pubkeys p ON p.id = b.pubkey;
COMMENT ON VIEW builder_details IS 'Builders as the API shows them: key, comment, state and target names.';

-- A job as the API shows it (rs.builds.database.JobInfo), by names, for jobInfo and jobList. jobList picks its page
-- from jobs alone and joins only the page's rows to this view by primary key (the view is inlined: no row is joined
-- before it is on the page).
CREATE VIEW job_details AS
SELECT j.id, j.uuid, b.uuid AS builder, t.name AS target, c.name AS crate, v.version, j.stage,
       j.started, j.timeout, j.ended, j.success
FROM jobs j
JOIN builders b ON b.id = j.builder
JOIN targets t ON t.id = j.target
JOIN crate_versions v ON v.id = j.crate_version
JOIN crates c ON c.id = v.crate;
COMMENT ON VIEW job_details IS 'Jobs as the API shows them: builder uuid, target, crate and version names.';
