-- Temporary: not WAL-logged, private to the session, gone at commit. No index: it is read by whole-table joins.
CREATE TEMPORARY TABLE sync_staging (
    crate    text NOT NULL,
    version  text NOT NULL,
    checksum text NOT NULL,
    yanked   boolean NOT NULL
) ON COMMIT DROP
