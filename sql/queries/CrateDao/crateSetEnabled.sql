-- By canonical name (see crateId.sql).
UPDATE crates
SET enabled = :enabled
WHERE crate_name_canonical(name) = crate_name_canonical(:name)
