-- A first sync into empty tables loads them as pg_restore does: rows first, indexes and constraints after (issue 14).
--
-- A sync of the whole index into empty tables took 12 to 13 times a raw COPY of its rows: each row went through a
-- staging table and a diff, the unique (crate, version) index and the crates' name and trigram indexes were
-- maintained row by row, the statement triggers of crate_versions kept transition tables of two million rows (and
-- locked every new crate), and each digest stored checked its crate by a foreign-key query of its own. When crates
-- and crate_versions are empty nothing can differ, conflict or be missing, so the sync client (SyncIntoEmpty) then:
--   1. calls sync_bulk_start(), which answers NULL unless both tables are empty (at READ COMMITTED) and nobody else
--      holds a lock on them or on a target; else it locks crates, crate_versions and crate_sync_digests ACCESS
--      EXCLUSIVE (empty tables: a reader that waits misses nothing), keeps the definitions of their unique and
--      foreign-key constraints and other indexes (primary keys stay) and drops them, disables the triggers of
--      crate_versions, and answers the last crate and version ids used;
--   2. COPYs the versions straight into crate_versions, numbering crates and versions itself from those ids, then
--      the crates and the digests;
--   3. calls sync_bulk_merge() if some crate came in several groups (each group got an id of its own), and
--   4. calls sync_bulk_finish(), which checks that every version's crate exists (the disabled trigger's check),
--      recreates the constraints and indexes from their definitions, enables the triggers as they were, moves the
--      identity sequences past the ids used, and queues the versions for the enabled targets, set-based, as the
--      disabled trigger job_queue_versions_added does (job_queue's own triggers fire as usual).
-- All of it is one transaction: a failure or a lost connection rolls back the rows and the DDL together, and the
-- tables are empty again. A transaction that started and did not finish cannot commit (a deferred trigger below), so
-- no caller can leave the tables without their constraints. The functions run as the tables' owner (only the owner
-- may change them) and trust no caller: what the disabled triggers and dropped constraints would have refused is
-- refused by sync_bulk_finish.

CREATE TABLE sync_bulk_loads (
    xact    xid8 PRIMARY KEY DEFAULT pg_catalog.pg_current_xact_id(),
    restore text[] NOT NULL
);
COMMENT ON TABLE sync_bulk_loads IS 'Syncs into empty tables in progress: a row from sync_bulk_start to sync_bulk_finish, never committed.';
COMMENT ON COLUMN sync_bulk_loads.xact IS 'The transaction loading the tables.';
COMMENT ON COLUMN sync_bulk_loads.restore IS 'Statements that recreate the dropped constraints and indexes and enable the triggers, in order.';

CREATE FUNCTION sync_bulk_loads_unfinished() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF EXISTS (SELECT FROM sync_bulk_loads WHERE xact = NEW.xact) THEN
        RAISE EXCEPTION 'a sync into empty tables was started and not finished: call sync_bulk_finish() before commit'
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION sync_bulk_loads_unfinished() IS 'Refuses to commit a transaction that called sync_bulk_start and not sync_bulk_finish.';
CREATE CONSTRAINT TRIGGER sync_bulk_loads_unfinished
    AFTER INSERT ON sync_bulk_loads
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION sync_bulk_loads_unfinished();

CREATE FUNCTION sync_bulk_start() RETURNS bigint[]
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    restore text[];
    drops text[];
    statement text;
    last_crate bigint;
    last_version bigint;
BEGIN
    IF EXISTS (SELECT FROM sync_bulk_loads WHERE xact = pg_catalog.pg_current_xact_id()) THEN
        RAISE EXCEPTION 'a sync into empty tables is already running in this transaction'
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    -- at READ COMMITTED each statement below sees what was committed before it; a snapshot could hide rows
    IF current_setting('transaction_isolation') <> 'read committed'
       OR EXISTS (SELECT FROM crates) OR EXISTS (SELECT FROM crate_versions) THEN
        RETURN NULL;
    END IF;
    BEGIN
        -- never wait: a transaction holding any of these may be writing rows, and the sync would then wait with
        -- locks that keep everyone else out (the online path waits for it instead, holding less)
        LOCK TABLE crates, crate_versions, crate_sync_digests IN ACCESS EXCLUSIVE MODE NOWAIT;
        -- as job_queue_versions_added does: a target enabled meanwhile waits, then queues every version itself
        PERFORM FROM targets FOR SHARE NOWAIT;
        -- rows committed before the locks were granted
        IF EXISTS (SELECT FROM crates) OR EXISTS (SELECT FROM crate_versions) THEN
            RAISE EXCEPTION 'not empty' USING ERRCODE = 'object_in_use';
        END IF;
    EXCEPTION WHEN lock_not_available OR object_in_use THEN
        RETURN NULL; -- (the block's locks are released with it)
    END;

    -- Unique, exclusion and foreign-key constraints and plain indexes of the three tables, dropped and recreated
    -- later (primary keys stay: other tables' foreign keys need them, and they cost little). Foreign keys are
    -- dropped first and recreated last, after the keys they need.
    SELECT coalesce(array_agg(d.restore ORDER BY d.step, d.name), '{}'), coalesce(array_agg(d.drop ORDER BY d.step DESC, d.name), '{}')
    INTO restore, drops
    FROM (
        SELECT CASE WHEN c.contype = 'f' THEN 2 ELSE 1 END AS step, c.conname::text AS name,
               format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname,
                      pg_get_constraintdef(c.oid)) AS restore,
               format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname) AS drop
        FROM pg_constraint c
        WHERE c.conrelid IN ('crates'::regclass, 'crate_versions'::regclass, 'crate_sync_digests'::regclass)
          AND c.contype IN ('u', 'x', 'f')
        UNION ALL
        SELECT 1, i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid),
               format('DROP INDEX %s', i.indexrelid::regclass)
        FROM pg_index i
        WHERE i.indrelid IN ('crates'::regclass, 'crate_versions'::regclass, 'crate_sync_digests'::regclass)
          AND NOT EXISTS (SELECT FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)
        UNION ALL
        -- their comments, if any, after everything is back
        SELECT 3, c.conname::text,
               format('COMMENT ON CONSTRAINT %I ON %s IS %L', c.conname, c.conrelid::regclass,
                      obj_description(c.oid, 'pg_constraint')),
               NULL
        FROM pg_constraint c
        WHERE c.conrelid IN ('crates'::regclass, 'crate_versions'::regclass, 'crate_sync_digests'::regclass)
          AND c.contype IN ('u', 'x', 'f')
          AND obj_description(c.oid, 'pg_constraint') IS NOT NULL
        UNION ALL
        SELECT 3, i.indexrelid::regclass::text,
               format('COMMENT ON INDEX %s IS %L', i.indexrelid::regclass, obj_description(i.indexrelid, 'pg_class')),
               NULL
        FROM pg_index i
        WHERE i.indrelid IN ('crates'::regclass, 'crate_versions'::regclass, 'crate_sync_digests'::regclass)
          AND NOT EXISTS (SELECT FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)
          AND obj_description(i.indexrelid, 'pg_class') IS NOT NULL
    ) d;
    -- (array_agg keeps the NULL drops of comments: skip them)
    FOREACH statement IN ARRAY drops LOOP
        IF statement IS NOT NULL THEN
            EXECUTE statement;
        END IF;
    END LOOP;

    -- The triggers of crate_versions, each enabled again as it was (ALWAYS, REPLICA or as usual).
    SELECT coalesce(array_agg(t.tgname::text ORDER BY t.tgname), '{}'),
           restore || coalesce(array_agg(format('ALTER TABLE crate_versions ENABLE %s TRIGGER %I',
                                                CASE t.tgenabled WHEN 'A' THEN 'ALWAYS' WHEN 'R' THEN 'REPLICA'
                                                                 ELSE '' END,
                                                t.tgname) ORDER BY t.tgname), '{}')
    INTO drops, restore
    FROM pg_trigger t
    WHERE t.tgrelid = 'crate_versions'::regclass AND NOT t.tgisinternal AND t.tgenabled <> 'D';
    FOREACH statement IN ARRAY drops LOOP
        EXECUTE format('ALTER TABLE crate_versions DISABLE TRIGGER %I', statement);
    END LOOP;
    INSERT INTO sync_bulk_loads (restore) VALUES (restore);

    -- the ids the sync numbers from: what the identity sequences would hand out next, less one
    EXECUTE format('SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM %s',
                   pg_get_serial_sequence('crates', 'id')) INTO last_crate;
    EXECUTE format('SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM %s',
                   pg_get_serial_sequence('crate_versions', 'id')) INTO last_version;
    RETURN ARRAY[last_crate, last_version];
END;
$$;
COMMENT ON FUNCTION sync_bulk_start() IS 'Prepares empty crates and crate_versions for a sync that loads them first and indexes them after; NULL if they are not empty or are in use.';

-- The rows of a crate that came in several groups of the input got an id per group: its versions go to the first
-- one, the others are deleted, and the crate gets no digest (one group's digest does not describe its versions).
-- Possible only while the unique index on crates.name is gone, within a sync into empty tables.
CREATE FUNCTION sync_bulk_merge() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    ids bigint[];
    keeps bigint[];
BEGIN
    IF NOT EXISTS (SELECT FROM sync_bulk_loads WHERE xact = pg_catalog.pg_current_xact_id()) THEN
        RAISE EXCEPTION 'no sync into empty tables was started in this transaction'
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    SELECT array_agg(n.id), array_agg(n.keep) INTO ids, keeps
    FROM (SELECT c.id, min(c.id) OVER (PARTITION BY c.name) AS keep FROM crates c) n
    WHERE n.id <> n.keep;
    IF ids IS NULL THEN
        RETURN 0;
    END IF;
    DELETE FROM crate_sync_digests WHERE crate = ANY (ids) OR crate = ANY (keeps);
    UPDATE crate_versions v SET crate = m.keep FROM unnest(ids, keeps) AS m (id, keep) WHERE v.crate = m.id;
    DELETE FROM crates WHERE id = ANY (ids);
    RETURN cardinality(ids);
END;
$$;
COMMENT ON FUNCTION sync_bulk_merge() IS 'In a sync into empty tables: merges the crate rows of one name into the first; returns how many went.';

-- (maintenance_work_mem: the unique and trigram indexes of crates.io's index are built in memory, in this call only)
CREATE FUNCTION sync_bulk_finish() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET maintenance_work_mem = '256MB' AS $$
DECLARE
    load sync_bulk_loads;
    statement text;
    missing bigint;
    queued bigint;
BEGIN
    DELETE FROM sync_bulk_loads WHERE xact = pg_catalog.pg_current_xact_id() RETURNING * INTO load;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no sync into empty tables was started in this transaction'
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    -- crate_versions_reference_crates, for every row at once
    SELECT v.crate INTO missing FROM crate_versions v WHERE NOT EXISTS (SELECT FROM crates c WHERE c.id = v.crate)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'insert or update on table "crate_versions" violates reference to crates: crate % does not exist',
            missing USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'crate_versions_reference_crates';
    END IF;
    -- the constraints check every row as they are added (a version listed twice fails the unique index)
    FOREACH statement IN ARRAY load.restore LOOP
        EXECUTE statement;
    END LOOP;
    PERFORM setval(pg_get_serial_sequence('crates', 'id'), max(id)) FROM crates HAVING count(*) > 0;
    PERFORM setval(pg_get_serial_sequence('crate_versions', 'id'), max(id)) FROM crate_versions HAVING count(*) > 0;
    -- job_queue_versions_added for every row at once (the targets are locked since sync_bulk_start)
    INSERT INTO job_queue (crate_version, target, active, priority)
    SELECT v.id, t.id, c.enabled AND NOT v.yanked, c.priority
    FROM crate_versions v
    JOIN crates c ON c.id = v.crate
    CROSS JOIN targets t
    WHERE t.enabled;
    GET DIAGNOSTICS queued = ROW_COUNT;
    RETURN queued;
END;
$$;
COMMENT ON FUNCTION sync_bulk_finish() IS 'Ends a sync into empty tables: checks the rows, recreates constraints and indexes, enables triggers, queues the versions; returns the pairs queued.';

REVOKE EXECUTE ON FUNCTION sync_bulk_start() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION sync_bulk_merge() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION sync_bulk_finish() FROM PUBLIC;
REVOKE EXECUTE ON FUNCTION sync_bulk_loads_unfinished() FROM PUBLIC;
