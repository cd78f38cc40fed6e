-- How many bytes of WAL the primary has generated beyond a replica's replay position; runs on the primary, after
-- the replica was asked (so the lag includes anything written in between: never an underestimate). The insert
-- position, not the write position: an asynchronous commit still in the WAL buffers is lag too. (When the last
-- record ended on a WAL page boundary, the insert position is past the next page's header: a caught-up replica
-- then shows the header's 24 or 40 bytes until the next record.)
SELECT greatest(0, pg_wal_lsn_diff(pg_current_wal_insert_lsn(), CAST(:replayLsn AS pg_lsn)))::bigint
