-- Fresh attempts for the pair, creating its row if its target was never enabled; a running pair is left alone.
INSERT INTO job_queue (crate_version, target, active, priority)
SELECT v.id, :target, c.enabled AND NOT v.yanked, c.priority
FROM crate_versions v
JOIN crates c ON c.id = v.crate
WHERE v.id = :crateVersion
ON CONFLICT (crate_version, target) DO UPDATE
SET state = 'queued', attempts = 0, not_before = '-infinity'
WHERE job_queue.state <> 'running'
