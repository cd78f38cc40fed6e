-- Run by SyncStore through the driver's COPY API, streaming the rows as they are read. The columns in the order
-- SyncCopyRows writes them (inputRow, groupRow); SyncCopyRowsTest loads a row of each kind and reads it back.
COPY sync_staging (crate, version, checksum, yanked, group_rows, group_skipped, group_digest) FROM STDIN
