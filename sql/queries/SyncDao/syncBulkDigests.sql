-- Run by SyncIntoEmpty through the driver's COPY API after the crates: the digest of each crate listed in one group
-- that the client could hold (see SyncStore).
COPY crate_sync_digests (crate, digest) FROM STDIN
