WITH beat AS (
    UPDATE jobs j
    SET timeout = now() + s.lease
    FROM queue_settings s
    WHERE j.id = :job
      AND j.ended IS NULL
    RETURNING j.builder
)
UPDATE builders b
SET heartbeat = now()
FROM beat
WHERE b.id = beat.builder
