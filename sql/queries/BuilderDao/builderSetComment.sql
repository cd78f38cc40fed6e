UPDATE builders
SET comment = :comment
WHERE uuid = :uuid
