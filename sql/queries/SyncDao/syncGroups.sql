-- syncGroupsSplit for an input that listed each crate in one group (as the index does): a copy of the group rows,
-- without aggregating them.
INSERT INTO sync_groups (crate, groups, rows, skipped_groups, checked, digest)
SELECT crate,
       1::bigint AS groups,
       group_rows::bigint AS rows,
       CASE WHEN group_skipped THEN 1::bigint ELSE 0::bigint END AS skipped_groups,
       group_digest IS NOT NULL OR group_skipped AS checked,
       group_digest AS digest
FROM sync_staging
WHERE version = '' -- group rows (SyncCopyRows.GROUP_ROW_VERSION)
