-- Before a measurement that follows heavy writes (the growth benchmark's reads after its load and each of its
-- claims/s windows, the sync benchmark's complete syncs): the dirty pages and WAL those writes left are written now,
-- not by a checkpoint during it.
CHECKPOINT
