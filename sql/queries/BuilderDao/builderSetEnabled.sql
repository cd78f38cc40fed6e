UPDATE builders
SET enabled = :enabled
WHERE uuid = :uuid
