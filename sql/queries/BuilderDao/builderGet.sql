SELECT uuid, encoded, comment, enabled, heartbeat, targets
FROM builder_details
WHERE uuid = :uuid
