-- sql/schema.sql: the live schema of the buildsrs metadata database. GENERATED: do not edit.
--
-- What a database holds after the migrations of sql/migrations (V1__schema.sql to V15__claim_one_row.sql)
-- and sql/roles/roles.sql (roles apply): schema public, read from PostgreSQL's catalogs with
-- pg_get_functiondef, pg_get_indexdef, pg_get_constraintdef, pg_get_triggerdef and format_type by
-- SchemaFilesTest (buildsrs-database-temp/src/test/java/rs/builds/database/temp/). The same on every
-- supported PostgreSQL major (13 to 18) and operating system.
--
-- The migrations are the source of truth: change the schema with a new migration (see sql/README.md),
-- never here, then regenerate this file and the generated parts of sql/README.md:
--   mvn -B -q test -pl buildsrs-database-temp -am -Dtest=SchemaFilesTest -Dsurefire.failIfNoSpecifiedTests=false -Dschema.update=true
-- Every build compares this file with a freshly migrated database and fails on a difference.
--
-- Left out: owners, OIDs, Flyway's table flyway_schema_history, extension versions and members, and
-- the TOAST compression of job_logs.lines (V9 sets lz4 where the server has it).
-- For reading, not for running: objects are grouped by kind and sorted by name, not in an order in
-- which a database could create them. One function's live definition, e.g. job_claim's:
--   sed -n '/^CREATE OR REPLACE FUNCTION public.job_claim(/,/^\$function\$;/p' sql/schema.sql

-- =================================================================================================================
-- Extensions
-- =================================================================================================================
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- =================================================================================================================
-- Sequences (those of identity columns are shown with their tables)
-- =================================================================================================================

CREATE SEQUENCE job_queue_generation;
COMMENT ON SEQUENCE job_queue_generation IS 'Bumped whenever pairs become claimable; claims then scan the queue from its start.';
GRANT USAGE ON SEQUENCE job_queue_generation TO buildsrs_admin, buildsrs_backend, buildsrs_registry_sync;

-- =================================================================================================================
-- Tables, each with its constraints, indexes, comments and grants
-- =================================================================================================================

CREATE TABLE builder_targets (
    builder bigint NOT NULL,
    target bigint NOT NULL
);
ALTER TABLE builder_targets ADD CONSTRAINT builder_targets_pkey PRIMARY KEY (builder, target);
ALTER TABLE builder_targets ADD CONSTRAINT builder_targets_builder_fkey FOREIGN KEY (builder) REFERENCES builders(id) ON DELETE CASCADE;
ALTER TABLE builder_targets ADD CONSTRAINT builder_targets_target_fkey FOREIGN KEY (target) REFERENCES targets(id) ON DELETE CASCADE;
CREATE INDEX builder_targets_target ON builder_targets USING btree (target);
COMMENT ON TABLE builder_targets IS 'Targets each builder is allowed to build.';
COMMENT ON COLUMN builder_targets.builder IS 'Builder; its assignments go with it.';
COMMENT ON COLUMN builder_targets.target IS 'Target; its assignments go with it.';
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE builder_targets TO buildsrs_admin;
GRANT SELECT ON TABLE builder_targets TO buildsrs_backend;

CREATE TABLE builders (
    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    uuid uuid NOT NULL,
    pubkey bigint NOT NULL,
    enabled boolean DEFAULT false NOT NULL,
    heartbeat timestamp with time zone,
    comment text DEFAULT ''::text NOT NULL
);
ALTER TABLE builders ADD CONSTRAINT builders_pkey PRIMARY KEY (id);
ALTER TABLE builders ADD CONSTRAINT builders_pubkey_key UNIQUE (pubkey);
ALTER TABLE builders ADD CONSTRAINT builders_uuid_key UNIQUE (uuid);
ALTER TABLE builders ADD CONSTRAINT builders_pubkey_fkey FOREIGN KEY (pubkey) REFERENCES pubkeys(id) ON DELETE RESTRICT;
COMMENT ON TABLE builders IS 'Builders registered with the backend.';
COMMENT ON COLUMN builders.id IS 'Surrogate key.';
COMMENT ON COLUMN builders.uuid IS 'Public identifier of the builder.';
COMMENT ON COLUMN builders.pubkey IS 'Key the builder authenticates with; a key in use cannot be deleted.';
COMMENT ON COLUMN builders.enabled IS 'Whether the builder may take jobs; new builders start disabled.';
COMMENT ON COLUMN builders.heartbeat IS 'Last time the builder was heard from, if ever.';
COMMENT ON COLUMN builders.comment IS 'Free text for admins, e.g. who runs the machine.';
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE builders TO buildsrs_admin;
GRANT SELECT ON TABLE builders TO buildsrs_backend;
GRANT UPDATE (heartbeat) ON TABLE builders TO buildsrs_backend;
GRANT USAGE ON SEQUENCE builders_id_seq TO buildsrs_admin, buildsrs_backend, buildsrs_registry_sync;

CREATE TABLE crate_sync_digests (
    crate bigint NOT NULL,
    digest bytea NOT NULL
);
ALTER TABLE crate_sync_digests ADD CONSTRAINT crate_sync_digests_pkey PRIMARY KEY (crate);
ALTER TABLE crate_sync_digests ADD CONSTRAINT crate_sync_digests_crate_fkey FOREIGN KEY (crate) REFERENCES crates(id) ON DELETE CASCADE;
COMMENT ON TABLE crate_sync_digests IS 'Per crate, a digest of the versions a registry sync last verified; deleted or emptied by any other write to them.';
COMMENT ON COLUMN crate_sync_digests.crate IS 'Crate whose stored versions the digest describes.';
COMMENT ON COLUMN crate_sync_digests.digest IS 'Made by the sync client from the crate name and its (version, checksum, yanked) rows; only compared, never interpreted here. Empty: invalidated (see below).';
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE crate_sync_digests TO buildsrs_admin;
GRANT SELECT ON TABLE crate_sync_digests TO buildsrs_backend;
GRANT INSERT, SELECT, UPDATE ON TABLE crate_sync_digests TO buildsrs_registry_sync;

CREATE TABLE crate_versions (
    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    crate bigint NOT NULL,
    version text NOT NULL,
    checksum text NOT NULL,
    yanked boolean DEFAULT false NOT NULL
);
ALTER TABLE crate_versions ADD CONSTRAINT crate_versions_pkey PRIMARY KEY (id);
ALTER TABLE crate_versions ADD CONSTRAINT crate_versions_crate_version_key UNIQUE (crate, version);
ALTER TABLE crate_versions ADD CONSTRAINT crate_versions_checksum_check CHECK (checksum <> ''::text);
ALTER TABLE crate_versions ADD CONSTRAINT crate_versions_version_check CHECK (version <> ''::text);
ALTER TABLE crate_versions ADD CONSTRAINT crate_versions_version_rule CHECK (char_length(version) <= 150 AND version ~ '^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$'::text);
COMMENT ON TABLE crate_versions IS 'Crate versions, synced from crates.io.';
COMMENT ON COLUMN crate_versions.id IS 'Surrogate key.';
COMMENT ON COLUMN crate_versions.crate IS 'Crate this is a version of.';
COMMENT ON COLUMN crate_versions.version IS 'Semantic version string as published.';
COMMENT ON COLUMN crate_versions.checksum IS 'SHA-256 of the .crate file; never changes once stored.';
COMMENT ON COLUMN crate_versions.yanked IS 'Whether the version was yanked from crates.io.';
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE crate_versions TO buildsrs_admin;
GRANT SELECT ON TABLE crate_versions TO buildsrs_backend;
GRANT INSERT, SELECT, UPDATE ON TABLE crate_versions TO buildsrs_registry_sync;
GRANT USAGE ON SEQUENCE crate_versions_id_seq TO buildsrs_admin, buildsrs_backend, buildsrs_registry_sync;

CREATE TABLE crates (
    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    name text NOT NULL,
    enabled boolean DEFAULT true NOT NULL,
    priority integer DEFAULT 0 NOT NULL
);
ALTER TABLE crates ADD CONSTRAINT crates_pkey PRIMARY KEY (id);
ALTER TABLE crates ADD CONSTRAINT crates_name_key UNIQUE (name);
ALTER TABLE crates ADD CONSTRAINT crates_name_check CHECK (name <> ''::text);
ALTER TABLE crates ADD CONSTRAINT crates_name_rule CHECK (char_length(name) <= 64 AND name ~ '^[A-Za-z][0-9A-Za-z_-]*$'::text);
CREATE UNIQUE INDEX crates_name_canonical ON crates USING btree (crate_name_canonical(name));
CREATE INDEX crates_name_trgm ON crates USING gin (name gin_trgm_ops);
COMMENT ON TABLE crates IS 'Crates, synced from crates.io.';
COMMENT ON COLUMN crates.id IS 'Surrogate key.';
COMMENT ON COLUMN crates.name IS 'Crate name as published on crates.io.';
COMMENT ON COLUMN crates.enabled IS 'Whether versions of this crate are built.';
COMMENT ON COLUMN crates.priority IS 'Build priority set by admins: higher builds first, negative sinks below the backfill.';
COMMENT ON INDEX crates_name_canonical IS 'Crate names are unique ignoring case and ''-''/''_'', as on crates.io; serves lookups by name.';
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE crates TO buildsrs_admin;
GRANT SELECT ON TABLE crates TO buildsrs_backend;
GRANT INSERT, SELECT, UPDATE ON TABLE crates TO buildsrs_registry_sync;
GRANT USAGE ON SEQUENCE crates_id_seq TO buildsrs_admin, buildsrs_backend, buildsrs_registry_sync;

CREATE TABLE job_artifact_downloads (
    artifact bigint NOT NULL,
    date date NOT NULL,
    downloads bigint NOT NULL
);
ALTER TABLE job_artifact_downloads ADD CONSTRAINT job_artifact_downloads_pkey PRIMARY KEY (artifact, date);
ALTER TABLE job_artifact_downloads ADD CONSTRAINT job_artifact_downloads_downloads_check CHECK (downloads >= 0);
ALTER TABLE job_artifact_downloads ADD CONSTRAINT job_artifact_downloads_artifact_fkey FOREIGN KEY (artifact) REFERENCES job_artifacts(id) ON DELETE CASCADE;
CREATE INDEX job_artifact_downloads_date ON job_artifact_downloads USING btree (date);
COMMENT ON TABLE job_artifact_downloads IS 'Daily download counts per artifact.';
COMMENT ON COLUMN job_artifact_downloads.artifact IS 'Artifact downloaded.';
COMMENT ON COLUMN job_artifact_downloads.date IS 'Day (UTC) the downloads were counted for.';
COMMENT ON COLUMN job_artifact_downloads.downloads IS 'Downloads on that day.';
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE job_artifact_downloads TO buildsrs_admin;
GRANT INSERT, SELECT, UPDATE ON TABLE job_artifact_downloads TO buildsrs_backend;

CREATE TABLE job_artifacts (
    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    job bigint NOT NULL,
    name text NOT NULL,
    hash text NOT NULL,
    size bigint NOT NULL,
    signature text NOT NULL,
    downloads bigint DEFAULT 0 NOT NULL
);
ALTER TABLE job_artifacts ADD CONSTRAINT job_artifacts_pkey PRIMARY KEY (id);
ALTER TABLE job_artifacts ADD CONSTRAINT job_artifacts_job_name_key UNIQUE (job, name);
ALTER TABLE job_artifacts ADD CONSTRAINT job_artifacts_downloads_check CHECK (downloads >= 0);
ALTER TABLE job_artifacts ADD CONSTRAINT job_artifacts_name_check CHECK (name <> ''::text);
ALTER TABLE job_artifacts ADD CONSTRAINT job_artifacts_size_check CHECK (size >= 0);
ALTER TABLE job_artifacts ADD CONSTRAINT job_artifacts_job_fkey FOREIGN KEY (job) REFERENCES jobs(id) ON DELETE CASCADE;
COMMENT ON TABLE job_artifacts IS 'Artifacts uploaded by jobs.';
COMMENT ON COLUMN job_artifacts.id IS 'Surrogate key.';
COMMENT ON COLUMN job_artifacts.job IS 'Job that produced the artifact.';
COMMENT ON COLUMN job_artifacts.name IS 'Artifact name, unique within its job.';
COMMENT ON COLUMN job_artifacts.hash IS 'Hash of the artifact content.';
COMMENT ON COLUMN job_artifacts.size IS 'Size in bytes.';
COMMENT ON COLUMN job_artifacts.signature IS 'Signature over the artifact.';
COMMENT ON COLUMN job_artifacts.downloads IS 'Total downloads: the sum of its job_artifact_downloads rows.';
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE job_artifacts TO buildsrs_admin;
GRANT INSERT, SELECT, UPDATE ON TABLE job_artifacts TO buildsrs_backend;
GRANT USAGE ON SEQUENCE job_artifacts_id_seq TO buildsrs_admin, buildsrs_backend, buildsrs_registry_sync;

CREATE TABLE job_logs (
    job bigint NOT NULL,
    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    stage smallint NOT NULL,
    lines text[] NOT NULL
);
ALTER TABLE job_logs ADD CONSTRAINT job_logs_pkey PRIMARY KEY (job, id);
ALTER TABLE job_logs ADD CONSTRAINT job_logs_lines_check CHECK (cardinality(lines) > 0 AND array_ndims(lines) = 1 AND array_position(lines, NULL::text) IS NULL);
ALTER TABLE job_logs ADD CONSTRAINT job_logs_stage_check1 CHECK (stage >= 1 AND stage <= 4);
COMMENT ON TABLE job_logs IS 'Log lines of jobs in chunks of consecutive lines of one stage, in order of id, then position.';
COMMENT ON COLUMN job_logs.job IS 'Job that wrote the lines.';
COMMENT ON COLUMN job_logs.id IS 'Orders the chunks of a job.';
COMMENT ON COLUMN job_logs.stage IS 'Stage (job_stages.id) the job was in when the lines were written.';
COMMENT ON COLUMN job_logs.lines IS 'Consecutive lines of output (at most ~2,000), each without line terminator.';
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE job_logs TO buildsrs_admin;
GRANT INSERT, SELECT, UPDATE ON TABLE job_logs TO buildsrs_backend;
GRANT USAGE ON SEQUENCE job_logs_id_seq TO buildsrs_admin, buildsrs_backend, buildsrs_registry_sync;

CREATE TABLE job_queue (
    crate_version bigint NOT NULL,
    target bigint NOT NULL,
    state text DEFAULT 'queued'::text NOT NULL,
    active boolean NOT NULL,
    priority integer NOT NULL,
    attempts integer DEFAULT 0 NOT NULL,
    not_before timestamp with time zone DEFAULT '-infinity'::timestamp with time zone NOT NULL
);
ALTER TABLE job_queue ADD CONSTRAINT job_queue_pkey PRIMARY KEY (crate_version, target);
ALTER TABLE job_queue ADD CONSTRAINT job_queue_attempts_check CHECK (attempts >= 0);
ALTER TABLE job_queue ADD CONSTRAINT job_queue_state_check CHECK (state = ANY (ARRAY['queued'::text, 'running'::text, 'succeeded'::text, 'failed'::text]));
ALTER TABLE job_queue ADD CONSTRAINT job_queue_crate_version_fkey FOREIGN KEY (crate_version) REFERENCES crate_versions(id) ON DELETE CASCADE;
ALTER TABLE job_queue ADD CONSTRAINT job_queue_target_fkey FOREIGN KEY (target) REFERENCES targets(id) ON DELETE CASCADE;
CREATE INDEX job_queue_claim ON job_queue USING btree (target, priority DESC, crate_version DESC) WHERE state = 'queued'::text AND active;
COMMENT ON TABLE job_queue IS 'Build state of each (crate version, enabled target) pair; queued rows are the build queue.';
COMMENT ON COLUMN job_queue.crate_version IS 'Version to build.';
COMMENT ON COLUMN job_queue.target IS 'Target to build it for; rows of disabled targets stay but are not claimed.';
COMMENT ON COLUMN job_queue.state IS 'queued (needs a build), running (a job holds it), succeeded, or failed (out of attempts).';
COMMENT ON COLUMN job_queue.active IS 'Copy of: crate enabled and version not yanked (kept by triggers, so claims need no joins).';
COMMENT ON COLUMN job_queue.priority IS 'Copy of crates.priority (kept by triggers, so the claim index orders by it).';
COMMENT ON COLUMN job_queue.attempts IS 'Failed or expired jobs since the pair was last queued fresh.';
COMMENT ON COLUMN job_queue.not_before IS 'A failed pair is not claimed before this time (backoff).';
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE job_queue TO buildsrs_admin;
GRANT SELECT ON TABLE job_queue TO buildsrs_backend;
GRANT UPDATE (state) ON TABLE job_queue TO buildsrs_backend;

CREATE TABLE job_queue_generation_due (
    xact xid8 DEFAULT pg_current_xact_id() NOT NULL
);
ALTER TABLE job_queue_generation_due ADD CONSTRAINT job_queue_generation_due_pkey PRIMARY KEY (xact);
COMMENT ON TABLE job_queue_generation_due IS 'Transactions that made pairs claimable: job_queue_generation is bumped at their commit.';
COMMENT ON COLUMN job_queue_generation_due.xact IS 'The transaction; its row is gone once it commits or rolls back.';
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE job_queue_generation_due TO buildsrs_admin;
GRANT SELECT ON TABLE job_queue_generation_due TO buildsrs_backend;

CREATE TABLE job_stages (
    id smallint NOT NULL,
    name text NOT NULL
);
ALTER TABLE job_stages ADD CONSTRAINT job_stages_pkey PRIMARY KEY (id);
ALTER TABLE job_stages ADD CONSTRAINT job_stages_name_key UNIQUE (name);
COMMENT ON TABLE job_stages IS 'Stages a job moves through, in the order of their ids.';
COMMENT ON COLUMN job_stages.id IS 'Position of the stage; jobs only move to higher ids.';
COMMENT ON COLUMN job_stages.name IS 'Stage name.';
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE job_stages TO buildsrs_admin;
GRANT SELECT ON TABLE job_stages TO buildsrs_backend;

CREATE TABLE jobs (
    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    uuid uuid NOT NULL,
    builder bigint NOT NULL,
    target bigint NOT NULL,
    crate_version bigint NOT NULL,
    stage smallint DEFAULT 1 NOT NULL,
    started timestamp with time zone DEFAULT now() NOT NULL,
    timeout timestamp with time zone NOT NULL,
    ended timestamp with time zone,
    success boolean
);
ALTER TABLE jobs ADD CONSTRAINT jobs_pkey PRIMARY KEY (id);
ALTER TABLE jobs ADD CONSTRAINT jobs_uuid_key UNIQUE (uuid);
ALTER TABLE jobs ADD CONSTRAINT jobs_check CHECK ((ended IS NULL) = (success IS NULL));
ALTER TABLE jobs ADD CONSTRAINT jobs_check1 CHECK (ended IS NULL OR ended >= started);
ALTER TABLE jobs ADD CONSTRAINT jobs_stage_check CHECK (stage >= 1 AND stage <= 4);
ALTER TABLE jobs ADD CONSTRAINT jobs_builder_fkey FOREIGN KEY (builder) REFERENCES builders(id) ON DELETE RESTRICT;
ALTER TABLE jobs ADD CONSTRAINT jobs_crate_version_fkey FOREIGN KEY (crate_version) REFERENCES crate_versions(id) ON DELETE RESTRICT;
ALTER TABLE jobs ADD CONSTRAINT jobs_target_fkey FOREIGN KEY (target) REFERENCES targets(id) ON DELETE RESTRICT;
CREATE INDEX jobs_builder_newest ON jobs USING btree (builder, id);
CREATE INDEX jobs_crate_version_ended ON jobs USING btree (crate_version, target) WHERE ended IS NOT NULL;
CREATE UNIQUE INDEX jobs_one_running ON jobs USING btree (crate_version, target) WHERE ended IS NULL;
COMMENT ON TABLE jobs IS 'Build jobs: one attempt by one builder to build one crate version for one target.';
COMMENT ON COLUMN jobs.id IS 'Surrogate key.';
COMMENT ON COLUMN jobs.uuid IS 'Public identifier of the job.';
COMMENT ON COLUMN jobs.builder IS 'Builder that claimed the job.';
COMMENT ON COLUMN jobs.target IS 'Target being built.';
COMMENT ON COLUMN jobs.crate_version IS 'Crate version being built.';
COMMENT ON COLUMN jobs.stage IS 'Current stage: a job_stages.id.';
COMMENT ON COLUMN jobs.started IS 'When the job was claimed.';
COMMENT ON COLUMN jobs.timeout IS 'End of the lease: a running job not heard from by then is expired.';
COMMENT ON COLUMN jobs.ended IS 'When the job finished; NULL while it runs.';
COMMENT ON COLUMN jobs.success IS 'Whether the job succeeded; NULL while it runs.';
COMMENT ON INDEX jobs_crate_version_ended IS 'Finished jobs by version and target (lists by crate or version, retention); running ones are in jobs_one_running.';
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE jobs TO buildsrs_admin;
GRANT INSERT, SELECT, UPDATE ON TABLE jobs TO buildsrs_backend;
GRANT USAGE ON SEQUENCE jobs_id_seq TO buildsrs_admin, buildsrs_backend, buildsrs_registry_sync;

CREATE TABLE pubkey_fingerprints (
    fingerprint text NOT NULL,
    pubkey bigint NOT NULL
);
ALTER TABLE pubkey_fingerprints ADD CONSTRAINT pubkey_fingerprints_pkey PRIMARY KEY (fingerprint);
ALTER TABLE pubkey_fingerprints ADD CONSTRAINT pubkey_fingerprints_fingerprint_check CHECK (fingerprint ~ '^SHA(256|512):[A-Za-z0-9+/]+$'::text);
ALTER TABLE pubkey_fingerprints ADD CONSTRAINT pubkey_fingerprints_pubkey_fkey FOREIGN KEY (pubkey) REFERENCES pubkeys(id) ON DELETE CASCADE;
CREATE INDEX pubkey_fingerprints_pubkey ON pubkey_fingerprints USING btree (pubkey);
COMMENT ON TABLE pubkey_fingerprints IS 'Fingerprints of each public key, as ssh-keygen -l prints them, for lookup.';
COMMENT ON COLUMN pubkey_fingerprints.fingerprint IS 'Fingerprint, e.g. "SHA256:" followed by unpadded base64 of the digest.';
COMMENT ON COLUMN pubkey_fingerprints.pubkey IS 'Key this fingerprint belongs to; deleted with it.';
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE pubkey_fingerprints TO buildsrs_admin;
GRANT SELECT ON TABLE pubkey_fingerprints TO buildsrs_backend;

CREATE TABLE pubkeys (
    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    encoded text NOT NULL
);
ALTER TABLE pubkeys ADD CONSTRAINT pubkeys_pkey PRIMARY KEY (id);
ALTER TABLE pubkeys ADD CONSTRAINT pubkeys_encoded_unique EXCLUDE USING hash (encoded WITH =);
ALTER TABLE pubkeys ADD CONSTRAINT pubkeys_encoded_check CHECK (encoded <> ''::text);
COMMENT ON TABLE pubkeys IS 'SSH public keys that builders authenticate with.';
COMMENT ON COLUMN pubkeys.id IS 'Surrogate key.';
COMMENT ON COLUMN pubkeys.encoded IS 'Key in canonical OpenSSH one-line form, "TYPE BASE64", without comment.';
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE pubkeys TO buildsrs_admin;
GRANT SELECT ON TABLE pubkeys TO buildsrs_backend;
GRANT USAGE ON SEQUENCE pubkeys_id_seq TO buildsrs_admin, buildsrs_backend, buildsrs_registry_sync;

CREATE TABLE queue_settings (
    id boolean DEFAULT true NOT NULL,
    locked boolean DEFAULT false NOT NULL,
    max_attempts integer DEFAULT 3 NOT NULL,
    lease interval DEFAULT '00:15:00'::interval NOT NULL,
    retry_backoff interval DEFAULT '00:10:00'::interval NOT NULL
);
ALTER TABLE queue_settings ADD CONSTRAINT queue_settings_pkey PRIMARY KEY (id);
ALTER TABLE queue_settings ADD CONSTRAINT queue_settings_id_check CHECK (id);
ALTER TABLE queue_settings ADD CONSTRAINT queue_settings_lease_range CHECK (lease >= '00:00:01'::interval AND lease <= '365 days'::interval);
ALTER TABLE queue_settings ADD CONSTRAINT queue_settings_max_attempts_range CHECK (max_attempts >= 1 AND max_attempts <= 100);
ALTER TABLE queue_settings ADD CONSTRAINT queue_settings_retry_backoff_range CHECK (retry_backoff >= '00:00:00'::interval AND retry_backoff <= '365 days'::interval);
COMMENT ON TABLE queue_settings IS 'The one row of queue settings, shared by every backend instance.';
COMMENT ON COLUMN queue_settings.id IS 'Always true: there is exactly one row.';
COMMENT ON COLUMN queue_settings.locked IS 'While true no job is claimed (admins lock the queue during incidents).';
COMMENT ON COLUMN queue_settings.max_attempts IS 'Failed or expired attempts after which a pair leaves the queue until requeued.';
COMMENT ON COLUMN queue_settings.lease IS 'How long a claim or heartbeat keeps a job alive before it expires.';
COMMENT ON COLUMN queue_settings.retry_backoff IS 'Wait before a failed pair is retried, doubled after each further failure.';
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE queue_settings TO buildsrs_admin;
GRANT SELECT ON TABLE queue_settings TO buildsrs_backend;

CREATE TABLE sync_bulk_loads (
    xact xid8 DEFAULT pg_current_xact_id() NOT NULL,
    restore text[] NOT NULL
);
ALTER TABLE sync_bulk_loads ADD CONSTRAINT sync_bulk_loads_pkey PRIMARY KEY (xact);
COMMENT ON TABLE sync_bulk_loads IS 'Syncs into empty tables in progress: a row from sync_bulk_start to sync_bulk_finish, never committed.';
COMMENT ON COLUMN sync_bulk_loads.xact IS 'The transaction loading the tables.';
COMMENT ON COLUMN sync_bulk_loads.restore IS 'Statements that recreate the dropped constraints and indexes and enable the triggers, in order.';
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE sync_bulk_loads TO buildsrs_admin;
GRANT SELECT ON TABLE sync_bulk_loads TO buildsrs_backend;

CREATE TABLE targets (
    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL,
    name text NOT NULL,
    enabled boolean DEFAULT false NOT NULL
);
ALTER TABLE targets ADD CONSTRAINT targets_pkey PRIMARY KEY (id);
ALTER TABLE targets ADD CONSTRAINT targets_name_key UNIQUE (name);
ALTER TABLE targets ADD CONSTRAINT targets_name_check CHECK (name <> ''::text);
ALTER TABLE targets ADD CONSTRAINT targets_name_rule CHECK (name ~ '^[a-z0-9][a-z0-9_.-]{0,63}$'::text);
COMMENT ON TABLE targets IS 'Targets that can be built, e.g. x86_64-unknown-linux-gnu.';
COMMENT ON COLUMN targets.id IS 'Surrogate key.';
COMMENT ON COLUMN targets.name IS 'Target triple or artifact kind.';
COMMENT ON COLUMN targets.enabled IS 'Whether jobs are created for this target; new targets start disabled.';
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE targets TO buildsrs_admin;
GRANT SELECT ON TABLE targets TO buildsrs_backend;
GRANT USAGE ON SEQUENCE targets_id_seq TO buildsrs_admin, buildsrs_backend, buildsrs_registry_sync;

-- =================================================================================================================
-- Views
-- =================================================================================================================

CREATE VIEW builder_details AS
 SELECT b.id,
    b.uuid,
    p.encoded,
    b.comment,
    b.enabled,
    b.heartbeat,
    ARRAY( SELECT t.name
           FROM builder_targets bt
             JOIN targets t ON t.id = bt.target
          WHERE bt.builder = b.id
          ORDER BY t.name) AS targets
   FROM builders b
     JOIN pubkeys p ON p.id = b.pubkey;
COMMENT ON VIEW builder_details IS 'Builders as the API shows them: key, comment, state and target names.';
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE builder_details TO buildsrs_admin;
GRANT SELECT ON TABLE builder_details TO buildsrs_backend;

CREATE VIEW job_details AS
 SELECT j.id,
    j.uuid,
    b.uuid AS builder,
    t.name AS target,
    c.name AS crate,
    v.version,
    j.stage,
    j.started,
    j.timeout,
    j.ended,
    j.success
   FROM jobs j
     JOIN builders b ON b.id = j.builder
     JOIN targets t ON t.id = j.target
     JOIN crate_versions v ON v.id = j.crate_version
     JOIN crates c ON c.id = v.crate;
COMMENT ON VIEW job_details IS 'Jobs as the API shows them: builder uuid, target, crate and version names.';
GRANT DELETE, INSERT, SELECT, UPDATE ON TABLE job_details TO buildsrs_admin;
GRANT SELECT ON TABLE job_details TO buildsrs_backend;

-- =================================================================================================================
-- Functions, with their security attributes (SECURITY DEFINER, SET search_path) and grants
-- =================================================================================================================

CREATE OR REPLACE FUNCTION public.crate_name_canonical(name text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE PARALLEL SAFE
AS $function$ SELECT translate(name, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ-', 'abcdefghijklmnopqrstuvwxyz_') $function$;
COMMENT ON FUNCTION crate_name_canonical(name text) IS 'A crate name as crates.io compares names: lower case, ''-'' as ''_''; crates_name_canonical keeps it unique.';
GRANT EXECUTE ON FUNCTION crate_name_canonical(name text) TO buildsrs_admin, buildsrs_backend, buildsrs_registry_sync;

CREATE OR REPLACE FUNCTION public.crate_search(query text, pattern text, max_rows integer)
 RETURNS TABLE(name text, enabled boolean, priority integer)
 LANGUAGE plpgsql
 STABLE
 SET search_path TO 'public', '$user', 'public'
 SET "pg_trgm.similarity_threshold" TO '0.5'
AS $function$
BEGIN
    RETURN QUERY
        SELECT c.name, c.enabled, c.priority
        FROM crates c
        WHERE c.name % query
           OR c.name ILIKE pattern ESCAPE '!'
        ORDER BY c.name = query DESC,
                 similarity(c.name, query) DESC,
                 c.name
        LIMIT max_rows;
    IF NOT FOUND THEN
        -- local to this call: the function's SET clause restores the caller's threshold on return
        PERFORM set_config('pg_trgm.similarity_threshold', '0.3', true);
        RETURN QUERY
            SELECT c.name, c.enabled, c.priority
            FROM crates c
            WHERE c.name % query
            ORDER BY similarity(c.name, query) DESC,
                     c.name
            LIMIT max_rows;
    END IF;
END
$function$;
COMMENT ON FUNCTION crate_search(query text, pattern text, max_rows integer) IS 'crateList search: names containing the query (pattern: ILIKE with escape !) or with trigram similarity >= 0.5, exact match first, then by similarity, then by name; only when there are none, similarity >= 0.3.';
GRANT EXECUTE ON FUNCTION crate_search(query text, pattern text, max_rows integer) TO buildsrs_admin, buildsrs_backend, buildsrs_registry_sync;

CREATE OR REPLACE FUNCTION public.crate_versions_checksum_immutable()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
    IF NEW.checksum IS DISTINCT FROM OLD.checksum THEN
        RAISE EXCEPTION 'checksum of crate version % cannot change', OLD.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'crate_versions_checksum_immutable';
    END IF;
    RETURN NEW;
END;
$function$;
COMMENT ON FUNCTION crate_versions_checksum_immutable() IS 'Rejects updates that change a crate version''s checksum.';

CREATE OR REPLACE FUNCTION public.crate_versions_crate_immutable()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
    RAISE EXCEPTION 'crate version % cannot move to another crate', OLD.id
        USING ERRCODE = 'check_violation', CONSTRAINT = 'crate_versions_crate_immutable';
END;
$function$;
COMMENT ON FUNCTION crate_versions_crate_immutable() IS 'Rejects updates that move a version to another crate.';

CREATE OR REPLACE FUNCTION public.crate_versions_reference_crates()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
DECLARE
    missing bigint;
BEGIN
    -- lock the referenced crates, so none is deleted, disabled or reprioritised before this transaction ends
    PERFORM 1 FROM crates c WHERE c.id IN (SELECT DISTINCT crate FROM new_versions) FOR SHARE;
    SELECT n.crate INTO missing
    FROM (SELECT DISTINCT crate FROM new_versions) n
    WHERE NOT EXISTS (SELECT 1 FROM crates c WHERE c.id = n.crate)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'insert or update on table "crate_versions" violates reference to crates: crate % does not exist',
            missing USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'crate_versions_reference_crates';
    END IF;
    RETURN NULL;
END;
$function$;
COMMENT ON FUNCTION crate_versions_reference_crates() IS 'Per-statement foreign key of crate_versions.crate to crates.id.';

CREATE OR REPLACE FUNCTION public.crate_versions_sync_invalidate()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
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
$function$;
COMMENT ON FUNCTION crate_versions_sync_invalidate() IS 'Deletes (or empties) the sync digests of the crates whose versions a statement wrote.';

CREATE OR REPLACE FUNCTION public.crate_versions_sync_truncated()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
    TRUNCATE crate_sync_digests;
    RETURN NULL;
END;
$function$;
COMMENT ON FUNCTION crate_versions_sync_truncated() IS 'Empties the sync digests when crate_versions is truncated.';

CREATE OR REPLACE FUNCTION public.crate_versions_sync_wait()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
    LOCK TABLE crate_sync_digests IN ROW EXCLUSIVE MODE;
    RETURN NULL;
END;
$function$;
COMMENT ON FUNCTION crate_versions_sync_wait() IS 'Serializes writers of crate_versions with registry syncs (which lock crate_sync_digests EXCLUSIVE).';

CREATE OR REPLACE FUNCTION public.crates_delete_versions()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
    DELETE FROM crate_versions v USING old_crates o WHERE v.crate = o.id;
    RETURN NULL;
END;
$function$;
COMMENT ON FUNCTION crates_delete_versions() IS 'Deletes the versions of deleted crates (the cascade of crate_versions.crate).';

CREATE OR REPLACE FUNCTION public.crates_name_immutable()
 RETURNS trigger
 LANGUAGE plpgsql
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
    RAISE EXCEPTION 'crate % cannot be renamed: crates.io names never change', OLD.name
        USING ERRCODE = 'check_violation', CONSTRAINT = 'crates_name_immutable';
END;
$function$;
COMMENT ON FUNCTION crates_name_immutable() IS 'Rejects updates that rename a crate.';

CREATE OR REPLACE FUNCTION public.crates_search_index_flush()
 RETURNS bigint
 LANGUAGE sql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$ SELECT gin_clean_pending_list('crates_name_trgm'::regclass) $function$;
REVOKE ALL ON FUNCTION crates_search_index_flush() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION crates_search_index_flush() TO buildsrs_admin, buildsrs_registry_sync;

CREATE OR REPLACE FUNCTION public.job_claim(builder_uuid uuid)
 RETURNS TABLE(claim_status text, claim_job uuid, claim_target text, claim_crate text, claim_version text, claim_started timestamp with time zone, claim_timeout timestamp with time zone)
 LANGUAGE plpgsql
 SET search_path TO 'public', 'pg_temp'
AS $function$
DECLARE
    claimer record;
    generation bigint;
    next_target bigint;
    setting text;
    -- this session's point for the target: {generation, priority, crate_version, claims since the last full scan}
    point bigint[];
    from_point boolean;
    pair_version bigint;
    pair_priority integer;
BEGIN
    SELECT b.id, b.enabled INTO claimer FROM builders b WHERE b.uuid = builder_uuid;
    IF NOT FOUND THEN
        RETURN QUERY SELECT 'unknown builder', NULL::uuid, NULL, NULL, NULL, NULL::timestamptz, NULL::timestamptz;
        RETURN;
    END IF;
    IF NOT claimer.enabled THEN
        RETURN QUERY SELECT 'disabled builder', NULL::uuid, NULL, NULL, NULL, NULL::timestamptz, NULL::timestamptz;
        RETURN;
    END IF;
    IF (SELECT s.locked FROM queue_settings s) THEN
        RETURN QUERY SELECT 'locked', NULL::uuid, NULL, NULL, NULL, NULL::timestamptz, NULL::timestamptz;
        RETURN;
    END IF;
    generation := coalesce(pg_sequence_last_value('job_queue_generation'), 0);
    FOR next_target IN
        SELECT bt.target
        FROM builder_targets bt
        JOIN targets t ON t.id = bt.target
        WHERE bt.builder = claimer.id
          AND t.enabled
        ORDER BY random()
    LOOP
        setting := 'buildsrs.claim_after_' || next_target;
        point := nullif(current_setting(setting, true), '')::bigint[];
        from_point := point IS NOT NULL AND point[1] = generation AND point[4] < 256;
        pair_version := NULL;
        -- Two statements rather than one with "NOT from_point OR (...) < point": only an unconditional row
        -- comparison becomes an index condition, which starts the scan at the point instead of filtering from the
        -- start of the index (the cost V4 removed).
        IF from_point THEN
            SELECT q.crate_version, q.priority INTO pair_version, pair_priority
            FROM job_queue q
            WHERE q.target = next_target
              AND q.state = 'queued'
              AND q.active
              AND q.not_before <= now()
              AND (q.priority, q.crate_version) < (point[2]::integer, point[3])
            ORDER BY q.priority DESC, q.crate_version DESC
            LIMIT 1
            FOR UPDATE SKIP LOCKED;
        END IF;
        IF pair_version IS NULL THEN
            SELECT q.crate_version, q.priority INTO pair_version, pair_priority
            FROM job_queue q
            WHERE q.target = next_target
              AND q.state = 'queued'
              AND q.active
              AND q.not_before <= now()
            ORDER BY q.priority DESC, q.crate_version DESC
            LIMIT 1
            FOR UPDATE SKIP LOCKED;
            from_point := false;
        END IF;
        IF pair_version IS NOT NULL THEN
            -- not local to the transaction: the point outlives it (and is rolled back with it)
            PERFORM set_config(setting, ARRAY[generation, pair_priority, pair_version,
                                              CASE WHEN from_point THEN point[4] + 1 ELSE 0 END]::text, false);
            UPDATE job_queue q
            SET state = 'running'
            WHERE q.crate_version = pair_version
              AND q.target = next_target;
            RETURN QUERY
                WITH job AS (
                    INSERT INTO jobs (uuid, builder, target, crate_version, timeout)
                    VALUES (gen_random_uuid(), claimer.id, next_target, pair_version,
                            now() + (SELECT s.lease FROM queue_settings s))
                    RETURNING jobs.uuid, jobs.target, jobs.crate_version, jobs.started, jobs.timeout
                )
                SELECT 'claimed'::text, job.uuid, t.name, c.name, v.version, job.started, job.timeout
                FROM job
                JOIN targets t ON t.id = job.target
                JOIN crate_versions v ON v.id = job.crate_version
                JOIN crates c ON c.id = v.crate;
            RETURN;
        END IF;
    END LOOP;
    RETURN QUERY SELECT 'empty', NULL::uuid, NULL, NULL, NULL, NULL::timestamptz, NULL::timestamptz;
END;
$function$;
COMMENT ON FUNCTION job_claim(builder_uuid uuid) IS 'Claims the next pair for a builder and creates its job (jobRequest).';
REVOKE ALL ON FUNCTION job_claim(builder_uuid uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION job_claim(builder_uuid uuid) TO buildsrs_admin, buildsrs_backend;

CREATE OR REPLACE FUNCTION public.job_logs_compact(job_ids bigint[])
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
DECLARE
    merged bigint;
BEGIN
    IF current_setting('transaction_isolation') <> 'read committed' THEN
        RETURN 0;
    END IF;
    WITH chunks AS (
        SELECT job, id, stage, cardinality(lines) AS n,
               row_number() OVER (PARTITION BY job ORDER BY id)
               - row_number() OVER (PARTITION BY job, stage ORDER BY id) AS run
        FROM job_logs
        WHERE job = ANY (job_ids)
    ), parts AS (
        SELECT job, id, stage, run,
               (sum(n) OVER (PARTITION BY job, stage, run ORDER BY id) - n) / 1000 AS part
        FROM chunks
    ), groups AS (
        SELECT job, id, min(id) OVER (PARTITION BY job, stage, run, part) AS head
        FROM parts
    ), gone AS (
        DELETE FROM job_logs l
        USING groups g
        WHERE l.job = g.job AND l.id = g.id AND g.id <> g.head
        RETURNING l.job, g.head, l.id, l.lines
    ), tails AS (
        SELECT gone.job, gone.head, array_agg(u.line ORDER BY gone.id, u.n) AS lines, count(DISTINCT gone.id) AS chunks
        FROM gone, unnest(gone.lines) WITH ORDINALITY AS u(line, n)
        GROUP BY gone.job, gone.head
    ), heads AS (
        UPDATE job_logs l
        SET lines = l.lines || t.lines
        FROM tails t
        WHERE l.job = t.job AND l.id = t.head
        RETURNING t.chunks
    )
    SELECT coalesce(sum(chunks), 0) INTO merged FROM heads;
    RETURN merged;
END;
$function$;
COMMENT ON FUNCTION job_logs_compact(job_ids bigint[]) IS 'Merges the small log chunks of jobs (at READ COMMITTED); returns how many chunks were merged away.';
REVOKE ALL ON FUNCTION job_logs_compact(job_ids bigint[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION job_logs_compact(job_ids bigint[]) TO buildsrs_admin, buildsrs_backend;

CREATE OR REPLACE FUNCTION public.job_logs_reference_jobs()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
DECLARE
    missing bigint;
BEGIN
    -- lock the referenced jobs as a foreign key would, so none is deleted before this transaction ends
    PERFORM 1 FROM jobs j WHERE j.id IN (SELECT DISTINCT job FROM new_lines) FOR KEY SHARE;
    SELECT n.job INTO missing
    FROM (SELECT DISTINCT job FROM new_lines) n
    WHERE NOT EXISTS (SELECT 1 FROM jobs j WHERE j.id = n.job)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'insert or update on table "job_logs" violates reference to jobs: job % does not exist', missing
            USING ERRCODE = 'foreign_key_violation', CONSTRAINT = 'job_logs_reference_jobs';
    END IF;
    RETURN NULL;
END;
$function$;
COMMENT ON FUNCTION job_logs_reference_jobs() IS 'Per-statement foreign key of job_logs.job to jobs.id.';

CREATE OR REPLACE FUNCTION public.job_queue_claimable()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
    INSERT INTO job_queue_generation_due DEFAULT VALUES ON CONFLICT DO NOTHING;
    PERFORM pg_catalog.pg_notify('buildsrs_queue', '');
    RETURN NULL;
END;
$function$;
COMMENT ON FUNCTION job_queue_claimable() IS 'Notifies channel buildsrs_queue and bumps job_queue_generation when an updated pair is claimable.';

CREATE OR REPLACE FUNCTION public.job_queue_crate_changed()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
    UPDATE job_queue q
    SET active = NEW.enabled AND NOT v.yanked,
        priority = NEW.priority
    FROM crate_versions v
    WHERE v.crate = NEW.id
      AND q.crate_version = v.id;
    RETURN NULL;
END;
$function$;
COMMENT ON FUNCTION job_queue_crate_changed() IS 'Keeps job_queue.active and priority in step with crates.';

CREATE OR REPLACE FUNCTION public.job_queue_generation_bump()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
    PERFORM pg_catalog.nextval('job_queue_generation'::regclass);
    DELETE FROM job_queue_generation_due WHERE xact = NEW.xact;
    RETURN NULL;
END;
$function$;
COMMENT ON FUNCTION job_queue_generation_bump() IS 'Bumps job_queue_generation as a transaction that made pairs claimable commits.';

CREATE OR REPLACE FUNCTION public.job_queue_job_ended()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
    UPDATE job_queue q
    SET state = CASE
                    WHEN NEW.success THEN 'succeeded'
                    WHEN q.attempts + 1 >= s.max_attempts THEN 'failed'
                    ELSE 'queued'
                END,
        attempts = q.attempts + CASE WHEN NEW.success THEN 0 ELSE 1 END,
        not_before = CASE
                         WHEN NEW.success THEN q.not_before
                         ELSE now() + least(least(s.retry_backoff, interval '365 days')
                                            * pg_catalog.power(2, least(q.attempts, 10)), interval '365 days')
                     END
    FROM queue_settings s
    WHERE q.crate_version = NEW.crate_version
      AND q.target = NEW.target;
    RETURN NULL;
END;
$function$;
COMMENT ON FUNCTION job_queue_job_ended() IS 'Moves a pair on when its job ends: succeeded, queued for retry, or failed out.';

CREATE OR REPLACE FUNCTION public.job_queue_jobs_deleted()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
    UPDATE job_queue q
    SET state = 'queued',
        not_before = now()
    FROM deleted_jobs d
    WHERE d.ended IS NULL
      AND q.crate_version = d.crate_version
      AND q.target = d.target
      AND q.state = 'running';
    RETURN NULL;
END;
$function$;
COMMENT ON FUNCTION job_queue_jobs_deleted() IS 'Queues again the pairs of running jobs that were deleted.';

CREATE OR REPLACE FUNCTION public.job_queue_notify()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
    IF EXISTS (SELECT 1 FROM changed WHERE state = 'queued' AND active) THEN
        INSERT INTO job_queue_generation_due DEFAULT VALUES ON CONFLICT DO NOTHING;
        PERFORM pg_catalog.pg_notify('buildsrs_queue', '');
    END IF;
    RETURN NULL;
END;
$function$;
COMMENT ON FUNCTION job_queue_notify() IS 'Notifies channel buildsrs_queue when pairs become claimable.';

CREATE OR REPLACE FUNCTION public.job_queue_target_enabled()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
    INSERT INTO job_queue (crate_version, target, active, priority)
    SELECT v.id, NEW.id, c.enabled AND NOT v.yanked, c.priority
    FROM crate_versions v
    JOIN crates c ON c.id = v.crate
    ON CONFLICT (crate_version, target) DO NOTHING;
    RETURN NULL;
END;
$function$;
COMMENT ON FUNCTION job_queue_target_enabled() IS 'Queues every version for a newly enabled target.';

CREATE OR REPLACE FUNCTION public.job_queue_version_yanked()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
    UPDATE job_queue q
    SET active = c.enabled AND NOT n.yanked
    FROM new_versions n
    JOIN crates c ON c.id = n.crate
    WHERE q.crate_version = n.id
      AND q.active IS DISTINCT FROM (c.enabled AND NOT n.yanked);
    RETURN NULL;
END;
$function$;
COMMENT ON FUNCTION job_queue_version_yanked() IS 'Keeps job_queue.active in step with crate_versions.yanked.';

CREATE OR REPLACE FUNCTION public.job_queue_versions_added()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
    -- a target being enabled now is waited for, and then seen enabled
    PERFORM 1 FROM targets FOR SHARE;
    -- without an enabled target there is nothing to queue: skip the join over the new rows
    IF NOT EXISTS (SELECT 1 FROM targets WHERE enabled) THEN
        RETURN NULL;
    END IF;
    INSERT INTO job_queue (crate_version, target, active, priority)
    SELECT v.id, t.id, c.enabled AND NOT v.yanked, c.priority
    FROM new_versions v
    JOIN crates c ON c.id = v.crate
    CROSS JOIN targets t
    WHERE t.enabled;
    RETURN NULL;
END;
$function$;
COMMENT ON FUNCTION job_queue_versions_added() IS 'Queues new crate versions for every enabled target.';

CREATE OR REPLACE FUNCTION public.jobs_delete_logs()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
    DELETE FROM job_logs l USING old_jobs o WHERE l.job = o.id;
    RETURN NULL;
END;
$function$;
COMMENT ON FUNCTION jobs_delete_logs() IS 'Deletes the log lines of deleted jobs (the cascade of job_logs.job).';

CREATE OR REPLACE FUNCTION public.jobs_truncated()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
    UPDATE job_queue SET state = 'queued', not_before = now() WHERE state = 'running';
    TRUNCATE job_logs;
    RETURN NULL;
END;
$function$;
COMMENT ON FUNCTION jobs_truncated() IS 'After TRUNCATE jobs: queues running pairs again and empties job_logs.';

CREATE OR REPLACE FUNCTION public.queue_settings_notify()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
    PERFORM pg_notify('buildsrs_queue', '');
    RETURN NULL;
END;
$function$;
COMMENT ON FUNCTION queue_settings_notify() IS 'Notifies channel buildsrs_queue when the queue is unlocked.';

CREATE OR REPLACE FUNCTION public.sync_bulk_finish()
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
 SET maintenance_work_mem TO '256MB'
AS $function$
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
$function$;
COMMENT ON FUNCTION sync_bulk_finish() IS 'Ends a sync into empty tables: checks the rows, recreates constraints and indexes, enables triggers, queues the versions; returns the pairs queued.';
REVOKE ALL ON FUNCTION sync_bulk_finish() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION sync_bulk_finish() TO buildsrs_admin, buildsrs_registry_sync;

CREATE OR REPLACE FUNCTION public.sync_bulk_loads_unfinished()
 RETURNS trigger
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
BEGIN
    IF EXISTS (SELECT FROM sync_bulk_loads WHERE xact = NEW.xact) THEN
        RAISE EXCEPTION 'a sync into empty tables was started and not finished: call sync_bulk_finish() before commit'
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    RETURN NULL;
END;
$function$;
COMMENT ON FUNCTION sync_bulk_loads_unfinished() IS 'Refuses to commit a transaction that called sync_bulk_start and not sync_bulk_finish.';
REVOKE ALL ON FUNCTION sync_bulk_loads_unfinished() FROM PUBLIC;

CREATE OR REPLACE FUNCTION public.sync_bulk_merge()
 RETURNS bigint
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
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
$function$;
COMMENT ON FUNCTION sync_bulk_merge() IS 'In a sync into empty tables: merges the crate rows of one name into the first; returns how many went.';
REVOKE ALL ON FUNCTION sync_bulk_merge() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION sync_bulk_merge() TO buildsrs_admin, buildsrs_registry_sync;

CREATE OR REPLACE FUNCTION public.sync_bulk_start()
 RETURNS bigint[]
 LANGUAGE plpgsql
 SECURITY DEFINER
 SET search_path TO 'public', 'pg_temp'
AS $function$
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
$function$;
COMMENT ON FUNCTION sync_bulk_start() IS 'Prepares empty crates and crate_versions for a sync that loads them first and indexes them after; NULL if they are not empty or are in use.';
REVOKE ALL ON FUNCTION sync_bulk_start() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION sync_bulk_start() TO buildsrs_admin, buildsrs_registry_sync;

-- =================================================================================================================
-- Triggers, by table
-- =================================================================================================================

CREATE TRIGGER crate_versions_checksum_immutable BEFORE UPDATE OF checksum ON crate_versions
    FOR EACH ROW
    EXECUTE FUNCTION crate_versions_checksum_immutable();

CREATE TRIGGER crate_versions_crate_immutable BEFORE UPDATE OF crate ON crate_versions
    FOR EACH ROW WHEN (new.crate IS DISTINCT FROM old.crate)
    EXECUTE FUNCTION crate_versions_crate_immutable();

CREATE TRIGGER crate_versions_reference_crates_insert AFTER INSERT ON crate_versions REFERENCING NEW TABLE AS new_versions
    FOR EACH STATEMENT
    EXECUTE FUNCTION crate_versions_reference_crates();

CREATE TRIGGER crate_versions_sync_invalidate_delete AFTER DELETE ON crate_versions REFERENCING OLD TABLE AS changed_versions
    FOR EACH STATEMENT
    EXECUTE FUNCTION crate_versions_sync_invalidate();

CREATE TRIGGER crate_versions_sync_invalidate_insert AFTER INSERT ON crate_versions REFERENCING NEW TABLE AS changed_versions
    FOR EACH STATEMENT
    EXECUTE FUNCTION crate_versions_sync_invalidate();

CREATE TRIGGER crate_versions_sync_invalidate_update AFTER UPDATE ON crate_versions REFERENCING NEW TABLE AS changed_versions
    FOR EACH STATEMENT
    EXECUTE FUNCTION crate_versions_sync_invalidate();

CREATE TRIGGER crate_versions_sync_truncated AFTER TRUNCATE ON crate_versions
    FOR EACH STATEMENT
    EXECUTE FUNCTION crate_versions_sync_truncated();

CREATE TRIGGER crate_versions_sync_wait BEFORE INSERT OR DELETE OR UPDATE ON crate_versions
    FOR EACH STATEMENT
    EXECUTE FUNCTION crate_versions_sync_wait();

CREATE TRIGGER job_queue_version_yanked AFTER UPDATE ON crate_versions REFERENCING NEW TABLE AS new_versions
    FOR EACH STATEMENT
    EXECUTE FUNCTION job_queue_version_yanked();

CREATE TRIGGER job_queue_versions_added AFTER INSERT ON crate_versions REFERENCING NEW TABLE AS new_versions
    FOR EACH STATEMENT
    EXECUTE FUNCTION job_queue_versions_added();

CREATE TRIGGER crates_delete_versions AFTER DELETE ON crates REFERENCING OLD TABLE AS old_crates
    FOR EACH STATEMENT
    EXECUTE FUNCTION crates_delete_versions();

CREATE TRIGGER crates_name_immutable BEFORE UPDATE OF name ON crates
    FOR EACH ROW WHEN (new.name IS DISTINCT FROM old.name)
    EXECUTE FUNCTION crates_name_immutable();

CREATE TRIGGER job_queue_crate_changed AFTER UPDATE OF enabled, priority ON crates
    FOR EACH ROW WHEN (old.enabled IS DISTINCT FROM new.enabled OR old.priority IS DISTINCT FROM new.priority)
    EXECUTE FUNCTION job_queue_crate_changed();

CREATE TRIGGER job_logs_reference_jobs_insert AFTER INSERT ON job_logs REFERENCING NEW TABLE AS new_lines
    FOR EACH STATEMENT
    EXECUTE FUNCTION job_logs_reference_jobs();

CREATE TRIGGER job_logs_reference_jobs_update AFTER UPDATE ON job_logs REFERENCING NEW TABLE AS new_lines
    FOR EACH STATEMENT
    EXECUTE FUNCTION job_logs_reference_jobs();

CREATE TRIGGER job_queue_claimable_update AFTER UPDATE OF active, priority, not_before ON job_queue
    FOR EACH ROW WHEN (new.state = 'queued'::text AND new.active AND (old.state <> 'queued'::text OR NOT old.active OR old.priority <> new.priority OR old.not_before <> new.not_before))
    EXECUTE FUNCTION job_queue_claimable();

CREATE TRIGGER job_queue_notify_insert AFTER INSERT ON job_queue REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT
    EXECUTE FUNCTION job_queue_notify();

CREATE CONSTRAINT TRIGGER job_queue_generation_bump AFTER INSERT ON job_queue_generation_due DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW
    EXECUTE FUNCTION job_queue_generation_bump();

CREATE TRIGGER job_queue_job_ended AFTER UPDATE OF ended ON jobs
    FOR EACH ROW WHEN (old.ended IS NULL AND new.ended IS NOT NULL)
    EXECUTE FUNCTION job_queue_job_ended();

CREATE TRIGGER job_queue_jobs_deleted AFTER DELETE ON jobs REFERENCING OLD TABLE AS deleted_jobs
    FOR EACH STATEMENT
    EXECUTE FUNCTION job_queue_jobs_deleted();

CREATE TRIGGER jobs_delete_logs AFTER DELETE ON jobs REFERENCING OLD TABLE AS old_jobs
    FOR EACH STATEMENT
    EXECUTE FUNCTION jobs_delete_logs();

CREATE TRIGGER jobs_truncated AFTER TRUNCATE ON jobs
    FOR EACH STATEMENT
    EXECUTE FUNCTION jobs_truncated();

CREATE TRIGGER queue_settings_unlocked AFTER UPDATE OF locked ON queue_settings
    FOR EACH ROW WHEN (old.locked AND NOT new.locked)
    EXECUTE FUNCTION queue_settings_notify();

CREATE CONSTRAINT TRIGGER sync_bulk_loads_unfinished AFTER INSERT ON sync_bulk_loads DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW
    EXECUTE FUNCTION sync_bulk_loads_unfinished();

CREATE TRIGGER job_queue_target_enabled AFTER INSERT OR UPDATE OF enabled ON targets
    FOR EACH ROW WHEN (new.enabled)
    EXECUTE FUNCTION job_queue_target_enabled();
