-- See the function job_claim in V4__claim_after_last_claim.sql: the whole claim in one round trip.
-- Run by JobStore through plain JDBC (the hot path), so its one parameter is a ? (the builder's uuid).
SELECT claim_status AS status, claim_job AS job, claim_target AS target, claim_crate AS crate,
       claim_version AS version, claim_started AS started, claim_timeout AS timeout
FROM job_claim(?)
