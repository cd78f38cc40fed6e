SELECT id, enabled
FROM builders
WHERE uuid = :uuid
