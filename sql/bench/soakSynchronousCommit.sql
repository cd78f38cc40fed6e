-- Soak set-up: the statement making every session of the soak's database wait for its commit's WAL to be written.
-- The temp server runs with synchronous_commit off, whose last commits an immediate stop (a crash) may lose; the
-- soak stops the server so and checks that every commit a client saw is there, as production's setting promises.
SELECT format('ALTER DATABASE %I SET synchronous_commit = on', current_database())
