-- Run by SyncIntoEmpty through the driver's COPY API after the versions: the crates, numbered by the client.
-- Columns in SyncCopyRows.crate's order.
COPY crates (id, name) FROM STDIN
