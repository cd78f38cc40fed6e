SELECT uuid, builder, target, crate, version, stage, started, timeout, ended, success
FROM job_details
WHERE uuid = :uuid
