-- A resync of an unchanged index skips every crate instead of comparing all its versions (issue 7).
--
-- The registry sync compared every input row with crate_versions: COPY of two million rows into a staging table
-- and a join over them, 6.5 s for an index without a single change (a raw COPY of the same rows takes 2.5 s). Now
-- the sync stores, per crate, a digest of exactly the (version, checksum, yanked) set it verified, and at the next
-- sync compares the digest of the crate's input rows with it on the client: a crate whose digest matches sends no
-- rows at all. That is only sound while the digest describes what is stored, so any other write to crate_versions
-- deletes the digests of the crates it touched (the triggers below; at REPEATABLE READ and SERIALIZABLE it empties
-- them), and the next sync compares those crates row by row again.
--
-- Concurrency. A sync takes LOCK TABLE crate_sync_digests IN EXCLUSIVE MODE before it reads anything, and every
-- statement writing crate_versions first takes ROW EXCLUSIVE on it (the BEFORE trigger below), which conflicts:
-- writers of versions wait for a running sync to end, and a sync waits for transactions that wrote versions to end.
-- So nothing changes crate_versions while a sync reads it, and no digest is stored over a change committed during
-- the sync. Plain reads of either table never wait.
--
-- A transaction at REPEATABLE READ or SERIALIZABLE cannot see digests a sync committed after its snapshot was
-- taken, so a DELETE would leave those behind, describing a set the transaction is changing. There the trigger
-- upserts an empty digest (which matches nothing the sync makes) instead: PostgreSQL fails an upsert that meets a
-- row its snapshot cannot see, or one changed since, with a serialization failure (retried by
-- Metadata.inTransaction). (A DELETE would also fail on a digest deleted since the snapshot, where the upsert just
-- inserts.) The sync itself stores digests only at READ COMMITTED, where each statement sees everything committed
-- before it.

CREATE TABLE crate_sync_digests (
    crate  bigint PRIMARY KEY REFERENCES crates (id) ON DELETE CASCADE,
    digest bytea NOT NULL
);
COMMENT ON TABLE crate_sync_digests IS 'Per crate, a digest of the versions a registry sync last verified; deleted or emptied by any other write to them.';
COMMENT ON COLUMN crate_sync_digests.crate IS 'Crate whose stored versions the digest describes.';
COMMENT ON COLUMN crate_sync_digests.digest IS 'Made by the sync client from the crate name and its (version, checksum, yanked) rows; only compared, never interpreted here. Empty: invalidated (see below).';

-- Before a statement writes crate_versions: wait for a running sync, and keep one from starting until commit.
CREATE FUNCTION crate_versions_sync_wait() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    LOCK TABLE crate_sync_digests IN ROW EXCLUSIVE MODE;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION crate_versions_sync_wait() IS 'Serializes writers of crate_versions with registry syncs (which lock crate_sync_digests EXCLUSIVE).';
CREATE TRIGGER crate_versions_sync_wait
    BEFORE INSERT OR UPDATE OR DELETE ON crate_versions
    FOR EACH STATEMENT EXECUTE FUNCTION crate_versions_sync_wait();

-- After a statement wrote crate_versions: the digests of the crates it touched no longer hold. A version never
-- moves to another crate, so the new rows name the touched crates of an update.
CREATE FUNCTION crate_versions_sync_invalidate() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        -- See the top of this file. Crates deleted by this transaction are left out: their digests go with them
        -- (ON DELETE CASCADE).
        INSERT INTO crate_sync_digests (crate, digest)
        SELECT DISTINCT t.crate, '\x'::bytea
        FROM changed_versions t
        WHERE EXISTS (SELECT 1 FROM crates c WHERE c.id = t.crate)
        ON CONFLICT (crate) DO UPDATE SET digest = EXCLUDED.digest
        WHERE crate_sync_digests.digest <> EXCLUDED.digest;
        RETURN NULL;
    END IF;
    -- This statement sees every committed digest (the lock is held since the statement began). A first sync inserts
    -- two million versions while there are no digests yet: then this is all it costs.
    IF NOT EXISTS (SELECT 1 FROM crate_sync_digests) THEN
        RETURN NULL;
    END IF;
    DELETE FROM crate_sync_digests d
    USING (SELECT DISTINCT crate FROM changed_versions) t
    WHERE d.crate = t.crate;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION crate_versions_sync_invalidate() IS 'Deletes (or empties) the sync digests of the crates whose versions a statement wrote.';
-- One trigger per event: a trigger with a transition table may have only one.
CREATE TRIGGER crate_versions_sync_invalidate_insert
    AFTER INSERT ON crate_versions REFERENCING NEW TABLE AS changed_versions
    FOR EACH STATEMENT EXECUTE FUNCTION crate_versions_sync_invalidate();
CREATE TRIGGER crate_versions_sync_invalidate_update
    AFTER UPDATE ON crate_versions REFERENCING NEW TABLE AS changed_versions
    FOR EACH STATEMENT EXECUTE FUNCTION crate_versions_sync_invalidate();
CREATE TRIGGER crate_versions_sync_invalidate_delete
    AFTER DELETE ON crate_versions REFERENCING OLD TABLE AS changed_versions
    FOR EACH STATEMENT EXECUTE FUNCTION crate_versions_sync_invalidate();

-- TRUNCATE fires no row or statement trigger of the events above.
CREATE FUNCTION crate_versions_sync_truncated() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    DELETE FROM crate_sync_digests;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION crate_versions_sync_truncated() IS 'Deletes every sync digest when crate_versions is truncated.';
CREATE TRIGGER crate_versions_sync_truncated
    AFTER TRUNCATE ON crate_versions
    FOR EACH STATEMENT EXECUTE FUNCTION crate_versions_sync_truncated();

