-- The first statement of a sync, before a REPEATABLE READ transaction takes its snapshot. Every statement writing
-- crate_versions takes ROW EXCLUSIVE on this table first (a trigger, see V5__sync_digests.sql), which conflicts: the
-- sync waits for transactions that wrote versions, and writers of versions wait for the sync. So nothing changes
-- the versions the sync compares, and no digest it stores describes a set another transaction changed meanwhile.
-- Readers never wait.
LOCK TABLE crate_sync_digests IN EXCLUSIVE MODE
