-- Least-privilege roles for the services (beyond the original, which used one all-powerful role). Idempotent:
-- creates the NOLOGIN group roles if missing, then (re)grants on this database. Needs CREATEROLE (or superuser)
-- and ownership of the schema's tables. Operators grant these to real login roles, e.g.
--   CREATE ROLE backend_prod LOGIN PASSWORD '...' IN ROLE buildsrs_backend;
DO $$
DECLARE
    name text;
BEGIN
    FOREACH name IN ARRAY ARRAY['buildsrs_backend', 'buildsrs_registry_sync', 'buildsrs_admin'] LOOP
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = name) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', name);
        END IF;
    END LOOP;
END;
$$;

-- Start from nothing, so a re-run after a change revokes what is no longer granted.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM buildsrs_backend, buildsrs_registry_sync, buildsrs_admin;
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM buildsrs_backend, buildsrs_registry_sync, buildsrs_admin;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM buildsrs_backend, buildsrs_registry_sync, buildsrs_admin;
GRANT USAGE ON SCHEMA public TO buildsrs_backend, buildsrs_registry_sync, buildsrs_admin;
-- Before PostgreSQL 15 every role (PUBLIC) may CREATE in schema public, so any login could add tables or functions
-- beside ours; 15 and later grant that to the database owner alone, and this is a no-op there. Only the schema's
-- owner (postgres before 15, the database owner from 15) or a superuser can take it back; the migrating role keeps
-- creating as that owner or superuser (a role that migrated through PUBLIC's right needs GRANT CREATE of its own).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
DO $$
BEGIN
    IF has_schema_privilege('public', 'public', 'CREATE') THEN
        RAISE EXCEPTION 'every role may still create objects in schema public: run roles apply as the owner of'
            ' schema public (%) or a superuser, or run REVOKE CREATE ON SCHEMA public FROM PUBLIC as it',
            (SELECT nspowner::regrole FROM pg_namespace WHERE nspname = 'public');
    END IF;
END;
$$;
-- Everyone who reads crates may search them (crateList), and find them by canonical name (V10).
GRANT EXECUTE ON FUNCTION crate_search(text, text, integer) TO buildsrs_backend, buildsrs_registry_sync, buildsrs_admin;
GRANT EXECUTE ON FUNCTION crate_name_canonical(text) TO buildsrs_backend, buildsrs_registry_sync, buildsrs_admin;

-- Registry sync: writes crates and versions, reads only those; stores the digests that let a resync skip unchanged
-- crates (UPDATE also lets it LOCK the digest table, which a sync does to keep other writers of versions out).
GRANT SELECT, INSERT, UPDATE ON crates, crate_versions, crate_sync_digests TO buildsrs_registry_sync;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO buildsrs_registry_sync;
GRANT EXECUTE ON FUNCTION crates_search_index_flush() TO buildsrs_registry_sync;
-- a first sync into empty tables indexes them after loading them (V11); the functions run as owner and check it all
GRANT EXECUTE ON FUNCTION sync_bulk_start(), sync_bulk_merge(), sync_bulk_finish()
    TO buildsrs_registry_sync, buildsrs_admin;

-- Backend: reads everything (the views too: builder_details and job_details, V13); runs jobs, logs, artifacts, downloads and the queue; records heartbeats. It cannot
-- register builders, change keys, targets or crates, or the schema.
GRANT SELECT ON ALL TABLES IN SCHEMA public TO buildsrs_backend;
GRANT INSERT, UPDATE ON jobs, job_logs, job_artifacts, job_artifact_downloads TO buildsrs_backend;
-- a claim marks its pair running; nothing else of the queue (active, priority) is the backend's to change
GRANT UPDATE (state) ON job_queue TO buildsrs_backend;
GRANT UPDATE (heartbeat) ON builders TO buildsrs_backend;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO buildsrs_backend;
GRANT EXECUTE ON FUNCTION job_claim(uuid) TO buildsrs_backend;
-- finishing or expiring a job merges its small log chunks (V9); the function runs as owner, deletes only merged chunks
GRANT EXECUTE ON FUNCTION job_logs_compact(bigint[]) TO buildsrs_backend, buildsrs_admin;

-- Admins: everything but schema changes (they own nothing, so DDL stays with the migration role).
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO buildsrs_admin;
REVOKE INSERT, UPDATE, DELETE ON flyway_schema_history FROM buildsrs_admin;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO buildsrs_admin;
GRANT EXECUTE ON FUNCTION job_claim(uuid) TO buildsrs_admin;
GRANT EXECUTE ON FUNCTION crates_search_index_flush() TO buildsrs_admin;
