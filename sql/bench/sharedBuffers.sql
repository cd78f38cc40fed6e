-- The growth benchmark's server memory (applied by a restart): its world is about 10 GB, which PostgreSQL's default
-- 128 MB of shared buffers sizes for a laptop; ALTER SYSTEM RESET shared_buffers puts the default back after.
ALTER SYSTEM SET shared_buffers = '4GB'
