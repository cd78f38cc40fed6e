-- Two ways a stored sync digest could outlive what it describes, so that later syncs skipped the crate (found by
-- review; see V5__sync_digests.sql for the digests).

-- 1. TRUNCATE crate_versions at REPEATABLE READ or SERIALIZABLE deleted only the digests its snapshot could see: one
--    stored by a sync that committed after that snapshot survived. TRUNCATE is not bound to a snapshot.
CREATE OR REPLACE FUNCTION crate_versions_sync_truncated() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    TRUNCATE crate_sync_digests;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION crate_versions_sync_truncated() IS 'Empties the sync digests when crate_versions is truncated.';

-- 2. A digest describes a crate by name; renaming the crate in SQL kept the digest under the new name. Names on
--    crates.io never change, and no API renames a crate, so a rename is refused instead.
CREATE FUNCTION crates_name_immutable() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    RAISE EXCEPTION 'crate % cannot be renamed: crates.io names never change', OLD.name
        USING ERRCODE = 'check_violation', CONSTRAINT = 'crates_name_immutable';
END;
$$;
COMMENT ON FUNCTION crates_name_immutable() IS 'Rejects updates that rename a crate.';
CREATE TRIGGER crates_name_immutable
    BEFORE UPDATE OF name ON crates
    FOR EACH ROW WHEN (NEW.name IS DISTINCT FROM OLD.name)
    EXECUTE FUNCTION crates_name_immutable();
