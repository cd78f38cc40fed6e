-- A version listed twice, among the crates of syncSplitCrates. A skipped group listed exactly the stored versions
-- of its crate (its digest matched theirs), which were not sent: they count once per skipped group. Run before
-- anything is written, so crate_versions holds what was stored before the sync.
WITH split AS MATERIALIZED (
    SELECT crate, skipped_groups
    FROM sync_groups
    WHERE groups > 1 OR NOT checked
), listed AS (
    SELECT s.crate, s.version
    FROM sync_staging s
    JOIN split p ON p.crate = s.crate
    WHERE s.version <> '' -- input rows, not group rows (SyncCopyRows.GROUP_ROW_VERSION)
    UNION ALL
    SELECT p.crate, v.version
    FROM split p
    JOIN crates c ON c.name = p.crate
    JOIN crate_versions v ON v.crate = c.id
    CROSS JOIN generate_series(1, p.skipped_groups)
)
SELECT crate, version
FROM listed
GROUP BY crate, version
HAVING count(*) > 1
ORDER BY crate, version
LIMIT 1
