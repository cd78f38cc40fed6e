SELECT id
FROM builders
WHERE uuid = :uuid
