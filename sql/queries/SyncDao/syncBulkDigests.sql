-- Run by SyncIntoEmpty through the driver's COPY API after the crates: the digest of each crate listed in one group
-- that the client could hold (SyncDigester). Columns in SyncCopyRows.digest's order.
COPY crate_sync_digests (crate, digest) FROM STDIN
