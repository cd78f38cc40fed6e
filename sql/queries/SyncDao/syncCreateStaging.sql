-- Temporary: not WAL-logged, private to the session, gone at commit. No index: it is read by whole-table joins.
-- Two kinds of rows: an input row (version, checksum, yanked), and after each group of consecutive input rows of a
-- crate one group row (group_rows, group_skipped, group_digest) whose version is '' (SyncCopyRows.GROUP_ROW_VERSION),
-- which no input row or stored version has; each statement that tells them apart says so where it does. A skipped
-- group's digest matched the stored one, and neither its input rows nor its digest were sent; a group too large to
-- hold has none.
CREATE TEMPORARY TABLE sync_staging (
    crate         text NOT NULL,
    version       text NOT NULL,
    checksum      text,
    yanked        boolean,
    group_rows    integer,
    group_skipped boolean,
    group_digest  bytea
) ON COMMIT DROP
