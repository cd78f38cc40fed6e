-- Crates the input would add whose canonical name (crate_name_canonical, V10__names.sql) is taken: by a stored crate
-- or by another crate the input adds. crates.io never has two such names, but a crate added by hand (crateAdd) may be
-- spelt otherwise than the index spells it. Run only when adding the crates broke the unique index on canonical
-- names (SyncStore.addCrates), to name both spellings.
WITH added AS (
    SELECT DISTINCT crate
    FROM sync_diff
    WHERE crate_id IS NULL
)
SELECT a.crate, c.name AS taken, true AS stored
FROM added a
JOIN crates c ON crate_name_canonical(c.name) = crate_name_canonical(a.crate)
UNION ALL
SELECT a.crate, b.crate AS taken, false AS stored
FROM added a
JOIN added b ON crate_name_canonical(b.crate) = crate_name_canonical(a.crate) AND b.crate < a.crate
LIMIT :limit
