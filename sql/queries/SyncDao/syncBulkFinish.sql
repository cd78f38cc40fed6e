-- Ends a sync into empty tables (V11): checks the rows, builds the constraints and indexes, enables the triggers and
-- queues the versions. Returns the pairs queued.
SELECT sync_bulk_finish()
