-- By canonical name (see crateId.sql). The trigger job_queue_crate_changed copies the priority into the crate's
-- queued pairs.
UPDATE crates
SET priority = :priority
WHERE crate_name_canonical(name) = crate_name_canonical(:name)
