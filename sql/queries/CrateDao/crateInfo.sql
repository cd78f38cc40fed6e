-- By canonical name (see crateId.sql); shows the name as stored.
SELECT name, enabled, priority
FROM crates
WHERE crate_name_canonical(name) = crate_name_canonical(:name)
