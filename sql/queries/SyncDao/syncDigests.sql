-- Run by SyncDigestReader through the driver's COPY API. A digest starts with the hash of its crate's name, under
-- which the client files it: no names, no join.
COPY crate_sync_digests (digest) TO STDOUT (FORMAT binary)
