-- Between the sync benchmark's complete syncs: what the last one left to vacuum and analyze, done before the next.
VACUUM (ANALYZE) crates, crate_versions, crate_sync_digests
