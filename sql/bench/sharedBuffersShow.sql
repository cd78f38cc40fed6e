-- The server's shared buffers as it runs (a change by ALTER SYSTEM shows after a restart).
SHOW shared_buffers
