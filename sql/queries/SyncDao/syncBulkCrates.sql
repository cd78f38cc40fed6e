-- Run by SyncIntoEmpty through the driver's COPY API after the versions: the crates, numbered by the client.
COPY crates (id, name) FROM STDIN
