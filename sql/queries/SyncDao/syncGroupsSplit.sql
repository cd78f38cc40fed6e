-- One row per crate the input lists, from its group rows, when some crate came in more than one group (its rows
-- were not together in the input): in how many groups, how many rows, how many groups were skipped, whether the
-- client checked every group for a version listed twice (a group too large to hold has no digest; a skipped one
-- sends none, its digest is stored), and the digest of a crate's only group.
INSERT INTO sync_groups (crate, groups, rows, skipped_groups, checked, digest)
SELECT crate,
       count(*) AS groups,
       sum(group_rows) AS rows,
       count(*) FILTER (WHERE group_skipped) AS skipped_groups,
       bool_and(group_digest IS NOT NULL OR group_skipped) AS checked,
       (array_agg(group_digest))[1] AS digest
FROM sync_staging
WHERE version = '' -- group rows (SyncCopyRows.GROUP_ROW_VERSION)
GROUP BY crate
