-- Versions stored but missing from the input, when there are any (syncMissingVersions).
CREATE TEMPORARY TABLE sync_missing (
    crate   text NOT NULL,
    version text NOT NULL
) ON COMMIT DROP
