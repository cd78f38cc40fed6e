-- After the growth benchmark: the embedded server's default shared buffers again (see sharedBuffers.sql).
ALTER SYSTEM RESET shared_buffers
