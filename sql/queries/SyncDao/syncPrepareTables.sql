-- The sync's four temporary tables (private to the session, not WAL-logged, no index: each is read by whole-table
-- joins or one probe a row), created by the first sync of a connection and kept: a small sync then creates no table
-- (four creates and drops were half the time of a 10-crate sync). ON COMMIT DELETE ROWS empties them at the commit
-- of a transaction that used them, and the DELETEs below empty them for a second sync in one transaction. A large
-- sync drops them first (syncDropTables) and so works on new ones: the statistics a small sync's ANALYZE left would
-- mislead the planner about a million rows. CHANGING A COLUMN NEEDS A NEW TABLE NAME: behind a transaction pooler a
-- server session created by an older release keeps its tables, and IF NOT EXISTS would not replace them.
--
-- sync_staging holds two kinds of rows: an input row (version, checksum, yanked), and after each group of
-- consecutive input rows of a crate one group row (group_rows, group_skipped, group_digest) whose version is ''
-- (SyncCopyRows.GROUP_ROW_VERSION), which no input row or stored version has; each statement that tells them apart
-- says so where it does. A skipped group's digest matched the stored one, and neither its input rows nor its digest
-- were sent; a group too large to hold has none.
CREATE TEMPORARY TABLE IF NOT EXISTS sync_staging (
    crate         text NOT NULL,
    version       text NOT NULL,
    checksum      text,
    yanked        boolean,
    group_rows    integer,
    group_skipped boolean,
    group_digest  bytea
) ON COMMIT DELETE ROWS;
-- One row per crate the input lists (syncGroups, syncGroupsSplit).
CREATE TEMPORARY TABLE IF NOT EXISTS sync_groups (
    crate          text NOT NULL,
    groups         bigint,
    rows           bigint,
    skipped_groups bigint,
    checked        boolean,
    digest         bytea
) ON COMMIT DELETE ROWS;
-- The input rows that differ from what is stored, with what is (syncDiff, syncDiffFew).
CREATE TEMPORARY TABLE IF NOT EXISTS sync_diff (
    crate           text NOT NULL,
    version         text NOT NULL,
    checksum        text,
    yanked          boolean,
    crate_id        bigint,
    version_id      bigint,
    stored_checksum text,
    stored_yanked   boolean
) ON COMMIT DELETE ROWS;
-- Versions stored but missing from the input, when there are any (syncMissingVersions).
CREATE TEMPORARY TABLE IF NOT EXISTS sync_missing (
    crate   text NOT NULL,
    version text NOT NULL
) ON COMMIT DELETE ROWS;
DELETE FROM sync_staging;
DELETE FROM sync_groups;
DELETE FROM sync_diff;
DELETE FROM sync_missing
