-- See the function job_claim in V2__job_queue.sql: the whole claim in one round trip.
SELECT claim_status AS status, claim_job AS job, claim_target AS target, claim_crate AS crate,
       claim_version AS version, claim_started AS started, claim_timeout AS timeout
FROM job_claim(:builder)
