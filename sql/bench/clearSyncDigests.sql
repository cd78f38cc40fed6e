-- Forgets what earlier syncs verified, so the next one compares every row (as before V5, and as the first sync
-- after upgrading to it does).
DELETE FROM crate_sync_digests
