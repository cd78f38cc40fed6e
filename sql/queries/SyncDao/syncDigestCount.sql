-- Sizes the client's table of digests before they are loaded.
SELECT count(*) FROM crate_sync_digests
