-- By canonical name (crate_name_canonical, V10__names.sql): any case, '-' as '_'; its unique index finds it.
SELECT id
FROM crates
WHERE crate_name_canonical(name) = crate_name_canonical(:name)
