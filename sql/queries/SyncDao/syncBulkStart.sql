-- Starts a sync into empty tables (V11__sync_into_empty_tables.sql): no ids if crates and crate_versions are not
-- empty, are in use, the transaction is not at READ COMMITTED, or this role may not (roles not applied since V11);
-- else the last crate and version ids used, from which the sync numbers its rows. The function runs only if the role
-- may call it, so one without the right takes the online sync instead of failing the transaction. (OFFSET 0: the
-- function runs once, not once per column.)
SELECT ids[1] AS last_crate, ids[2] AS last_version
FROM (SELECT CASE WHEN has_function_privilege('sync_bulk_start()', 'EXECUTE') THEN sync_bulk_start() END AS ids
      OFFSET 0) started
