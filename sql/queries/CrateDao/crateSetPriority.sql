-- The trigger job_queue_crate_changed copies the priority into the crate's queued pairs.
UPDATE crates
SET priority = :priority
WHERE name = :name
