-- Where a streaming replica stands; runs on the replica. Every role may call these functions.
-- replay_lsn: the end of the last WAL record replayed (NULL unless in recovery);
-- lag_millis: 0 when all WAL received is replayed, else the age of the last transaction replayed (an upper
-- bound: after a quiet spell on the primary it counts the quiet too); NULL when unknown (nothing received or
-- replayed since the replica started).
SELECT pg_is_in_recovery() AS standby,
       pg_last_wal_replay_lsn()::text AS replay_lsn,
       CASE
           WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
           ELSE greatest(0, (extract(epoch FROM now() - pg_last_xact_replay_timestamp()) * 1000)::bigint)
       END AS lag_millis
