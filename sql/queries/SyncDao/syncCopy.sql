-- Run by SyncStore through the driver's COPY API, streaming the rows as they are read.
COPY sync_staging (crate, version, checksum, yanked, group_rows, group_skipped, group_digest) FROM STDIN
