-- Run by SyncIntoEmpty through the driver's COPY API, streaming the rows as they are read: straight into the table,
-- whose triggers are disabled and secondary indexes dropped until syncBulkFinish. Columns in SyncCopyRows.version's
-- order.
COPY crate_versions (id, crate, version, checksum, yanked) FROM STDIN
