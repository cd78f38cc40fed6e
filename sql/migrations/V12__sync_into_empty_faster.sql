-- A first sync into empty tables (V11) at crates.io's size took twice as long after V10; measured on 250,000 crates
-- and 1.94M versions (PostgreSQL 15), three parts of it were slow for no gain:
--   * crates_name_rule's bounded repetition {0,63}: PostgreSQL's regular expressions evaluate it about six times
--     slower than the same rule as a length and an unbounded class (1.4 s against 0.3 s of CPU for 250,000 rows).
--     The rule is unchanged (rs.builds.database.Names, NamesSchemaTest); only its spelling is.
--   * sync_bulk_finish checked that every version's crate exists before the tables had statistics: the planner,
--     guessing, probed the crates' primary key once per version (4.9 s); with ANALYZE first (0.7 s) it is a hash
--     anti join (0.6 s). The statistics are what the first queries after a first sync need anyway.
--   * it joined every version with the crates to queue them for the enabled targets even when no target is
--     enabled (2.5 s for nothing).

ALTER TABLE crates DROP CONSTRAINT crates_name_rule;
ALTER TABLE crates ADD CONSTRAINT crates_name_rule CHECK (char_length(name) <= 64 AND name ~ '^[A-Za-z][0-9A-Za-z_-]*$');

CREATE OR REPLACE FUNCTION sync_bulk_finish() RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET maintenance_work_mem = '256MB' AS $$
DECLARE
    load sync_bulk_loads;
    statement text;
    missing bigint;
    queued bigint := 0;
BEGIN
    DELETE FROM sync_bulk_loads WHERE xact = pg_catalog.pg_current_xact_id() RETURNING * INTO load;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no sync into empty tables was started in this transaction'
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    -- statistics for the checks and queries below (the tables were empty when last analyzed, if ever)
    ANALYZE crates, crate_versions;
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
    IF EXISTS (SELECT FROM targets WHERE enabled) THEN
        INSERT INTO job_queue (crate_version, target, active, priority)
        SELECT v.id, t.id, c.enabled AND NOT v.yanked, c.priority
        FROM crate_versions v
        JOIN crates c ON c.id = v.crate
        CROSS JOIN targets t
        WHERE t.enabled;
        GET DIAGNOSTICS queued = ROW_COUNT;
    END IF;
    RETURN queued;
END;
$$;
