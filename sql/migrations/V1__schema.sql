-- Schema of the buildsrs metadata database: the twelve tables of the original crate.
-- Released migrations are immutable (Flyway validates their checksums): change the schema in a new file.

-- Fuzzy crate search (crateList) ranks names by trigram similarity.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Unique through a hash index: a btree entry is limited to about 2.7 kB, and a 16384-bit RSA key (the largest
-- ssh-keygen makes) is longer than that.
CREATE TABLE pubkeys (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    encoded text NOT NULL CHECK (encoded <> ''),
    CONSTRAINT pubkeys_encoded_unique EXCLUDE USING hash (encoded WITH =)
);
COMMENT ON TABLE pubkeys IS 'SSH public keys that builders authenticate with.';
COMMENT ON COLUMN pubkeys.id IS 'Surrogate key.';
COMMENT ON COLUMN pubkeys.encoded IS 'Key in canonical OpenSSH one-line form, "TYPE BASE64", without comment.';

CREATE TABLE pubkey_fingerprints (
    fingerprint text PRIMARY KEY CHECK (fingerprint ~ '^SHA(256|512):[A-Za-z0-9+/]+$'),
    pubkey      bigint NOT NULL REFERENCES pubkeys (id) ON DELETE CASCADE
);
CREATE INDEX pubkey_fingerprints_pubkey ON pubkey_fingerprints (pubkey);
COMMENT ON TABLE pubkey_fingerprints IS 'Fingerprints of each public key, as ssh-keygen -l prints them, for lookup.';
COMMENT ON COLUMN pubkey_fingerprints.fingerprint IS 'Fingerprint, e.g. "SHA256:" followed by unpadded base64 of the digest.';
COMMENT ON COLUMN pubkey_fingerprints.pubkey IS 'Key this fingerprint belongs to; deleted with it.';

CREATE TABLE builders (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    uuid      uuid NOT NULL UNIQUE,
    -- UNIQUE: one key cannot register two builders.
    pubkey    bigint NOT NULL UNIQUE REFERENCES pubkeys (id) ON DELETE RESTRICT,
    enabled   boolean NOT NULL DEFAULT false,
    heartbeat timestamptz,
    comment   text NOT NULL DEFAULT ''
);
COMMENT ON TABLE builders IS 'Builders registered with the backend.';
COMMENT ON COLUMN builders.id IS 'Surrogate key.';
COMMENT ON COLUMN builders.uuid IS 'Public identifier of the builder.';
COMMENT ON COLUMN builders.pubkey IS 'Key the builder authenticates with; a key in use cannot be deleted.';
COMMENT ON COLUMN builders.enabled IS 'Whether the builder may take jobs; new builders start disabled.';
COMMENT ON COLUMN builders.heartbeat IS 'Last time the builder was heard from, if ever.';
COMMENT ON COLUMN builders.comment IS 'Free text for admins, e.g. who runs the machine.';

CREATE TABLE targets (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name    text NOT NULL UNIQUE CHECK (name <> ''),
    enabled boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE targets IS 'Targets that can be built, e.g. x86_64-unknown-linux-gnu.';
COMMENT ON COLUMN targets.id IS 'Surrogate key.';
COMMENT ON COLUMN targets.name IS 'Target triple or artifact kind.';
COMMENT ON COLUMN targets.enabled IS 'Whether jobs are created for this target; new targets start disabled.';

CREATE TABLE builder_targets (
    builder bigint NOT NULL REFERENCES builders (id) ON DELETE CASCADE,
    target  bigint NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
    PRIMARY KEY (builder, target)
);
CREATE INDEX builder_targets_target ON builder_targets (target);
COMMENT ON TABLE builder_targets IS 'Targets each builder is allowed to build.';
COMMENT ON COLUMN builder_targets.builder IS 'Builder; its assignments go with it.';
COMMENT ON COLUMN builder_targets.target IS 'Target; its assignments go with it.';

CREATE TABLE crates (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name    text NOT NULL UNIQUE CHECK (name <> ''),
    enabled boolean NOT NULL DEFAULT true
);
CREATE INDEX crates_name_trgm ON crates USING gin (name gin_trgm_ops);
COMMENT ON TABLE crates IS 'Crates, synced from crates.io.';
COMMENT ON COLUMN crates.id IS 'Surrogate key.';
COMMENT ON COLUMN crates.name IS 'Crate name as published on crates.io.';
COMMENT ON COLUMN crates.enabled IS 'Whether versions of this crate are built.';

-- The reference to crates is checked once per statement by triggers (below) instead of once per row by a foreign
-- key: a registry sync inserts two million versions in one statement, and the per-row check was a large part of
-- it. Same guarantees: no version of a missing crate, versions deleted with their crate.
CREATE TABLE crate_versions (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    crate    bigint NOT NULL,
    version  text NOT NULL CHECK (version <> ''),
    checksum text NOT NULL CHECK (checksum <> ''),
    yanked   boolean NOT NULL DEFAULT false,
    UNIQUE (crate, version)
);
COMMENT ON TABLE crate_versions IS 'Crate versions, synced from crates.io.';
COMMENT ON COLUMN crate_versions.id IS 'Surrogate key.';
COMMENT ON COLUMN crate_versions.crate IS 'Crate this is a version of.';
COMMENT ON COLUMN crate_versions.version IS 'Semantic version string as published.';
COMMENT ON COLUMN crate_versions.checksum IS 'SHA-256 of the .crate file; never changes once stored.';
COMMENT ON COLUMN crate_versions.yanked IS 'Whether the version was yanked from crates.io.';

-- crate_versions.crate references crates (id) ON DELETE CASCADE, checked per statement.
CREATE FUNCTION crate_versions_reference_crates() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    missing bigint;
BEGIN
    -- lock the referenced crates as a foreign key would, so none is deleted before this transaction ends
    PERFORM 1 FROM crates c WHERE c.id IN (SELECT DISTINCT crate FROM new_versions) FOR KEY SHARE;
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
$$;
COMMENT ON FUNCTION crate_versions_reference_crates() IS 'Per-statement foreign key of crate_versions.crate to crates.id.';
CREATE TRIGGER crate_versions_reference_crates_insert
    AFTER INSERT ON crate_versions REFERENCING NEW TABLE AS new_versions
    FOR EACH STATEMENT EXECUTE FUNCTION crate_versions_reference_crates();

-- A version never moves to another crate, so updates cannot break the reference.
CREATE FUNCTION crate_versions_crate_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'crate version % cannot move to another crate', OLD.id
        USING ERRCODE = 'check_violation', CONSTRAINT = 'crate_versions_crate_immutable';
END;
$$;
COMMENT ON FUNCTION crate_versions_crate_immutable() IS 'Rejects updates that move a version to another crate.';
CREATE TRIGGER crate_versions_crate_immutable
    BEFORE UPDATE OF crate ON crate_versions
    FOR EACH ROW WHEN (NEW.crate IS DISTINCT FROM OLD.crate)
    EXECUTE FUNCTION crate_versions_crate_immutable();

CREATE FUNCTION crates_delete_versions() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM crate_versions v USING old_crates o WHERE v.crate = o.id;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION crates_delete_versions() IS 'Deletes the versions of deleted crates (the cascade of crate_versions.crate).';
CREATE TRIGGER crates_delete_versions
    AFTER DELETE ON crates REFERENCING OLD TABLE AS old_crates
    FOR EACH STATEMENT EXECUTE FUNCTION crates_delete_versions();

-- A published crate file never changes, so neither may its checksum: a changed checksum means
-- a corrupt index or an attack, never an update. Enforced here so no writer can bypass it.
CREATE FUNCTION crate_versions_checksum_immutable() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.checksum IS DISTINCT FROM OLD.checksum THEN
        RAISE EXCEPTION 'checksum of crate version % cannot change', OLD.id
            USING ERRCODE = 'check_violation', CONSTRAINT = 'crate_versions_checksum_immutable';
    END IF;
    RETURN NEW;
END;
$$;
COMMENT ON FUNCTION crate_versions_checksum_immutable() IS 'Rejects updates that change a crate version''s checksum.';
CREATE TRIGGER crate_versions_checksum_immutable
    BEFORE UPDATE OF checksum ON crate_versions
    FOR EACH ROW EXECUTE FUNCTION crate_versions_checksum_immutable();

CREATE TABLE job_stages (
    id   smallint PRIMARY KEY,
    name text NOT NULL UNIQUE
);
COMMENT ON TABLE job_stages IS 'Stages a job moves through, in the order of their ids.';
COMMENT ON COLUMN job_stages.id IS 'Position of the stage; jobs only move to higher ids.';
COMMENT ON COLUMN job_stages.name IS 'Stage name.';
INSERT INTO job_stages (id, name) VALUES (1, 'init'), (2, 'fetch'), (3, 'build'), (4, 'upload');

CREATE TABLE jobs (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    uuid          uuid NOT NULL UNIQUE,
    -- RESTRICT: a job's history and artifacts outlive any change to builders and targets.
    builder       bigint NOT NULL REFERENCES builders (id) ON DELETE RESTRICT,
    target        bigint NOT NULL REFERENCES targets (id) ON DELETE RESTRICT,
    crate_version bigint NOT NULL REFERENCES crate_versions (id) ON DELETE RESTRICT,
    stage         smallint NOT NULL DEFAULT 1 REFERENCES job_stages (id),
    started       timestamptz NOT NULL DEFAULT now(),
    timeout       timestamptz NOT NULL,
    ended         timestamptz,
    success       boolean,
    CHECK ((ended IS NULL) = (success IS NULL)),
    CHECK (ended IS NULL OR ended >= started)
);
-- For builder and target removal checks and job lists. No index on crate_version: versions are never deleted
-- (the index keeps them even when crates.io drops them), and every claim would pay for one.
CREATE INDEX jobs_builder ON jobs (builder);
CREATE INDEX jobs_target ON jobs (target);
COMMENT ON TABLE jobs IS 'Build jobs: one attempt by one builder to build one crate version for one target.';
COMMENT ON COLUMN jobs.id IS 'Surrogate key.';
COMMENT ON COLUMN jobs.uuid IS 'Public identifier of the job.';
COMMENT ON COLUMN jobs.builder IS 'Builder that claimed the job.';
COMMENT ON COLUMN jobs.target IS 'Target being built.';
COMMENT ON COLUMN jobs.crate_version IS 'Crate version being built.';
COMMENT ON COLUMN jobs.stage IS 'Current stage.';
COMMENT ON COLUMN jobs.started IS 'When the job was claimed.';
COMMENT ON COLUMN jobs.timeout IS 'End of the lease: a running job not heard from by then is expired.';
COMMENT ON COLUMN jobs.ended IS 'When the job finished; NULL while it runs.';
COMMENT ON COLUMN jobs.success IS 'Whether the job succeeded; NULL while it runs.';

-- Keyed by (job, id): the one index serves reading a job's log in order, and each appended line maintains one
-- index instead of two. Logs arrive by the hundred thousand lines, and a foreign key checks every row with a
-- query of its own (about 40% of the cost of an append, measured): the reference to jobs is instead enforced per
-- statement by the triggers below, with the same guarantees (no line of a missing job, lines deleted with their
-- job), and the stage is checked against the four fixed stages.
CREATE TABLE job_logs (
    job   bigint NOT NULL,
    id    bigint GENERATED ALWAYS AS IDENTITY,
    stage smallint NOT NULL CHECK (stage BETWEEN 1 AND 4),
    line  text NOT NULL,
    PRIMARY KEY (job, id)
);
COMMENT ON TABLE job_logs IS 'Log lines of jobs, in order of id.';
COMMENT ON COLUMN job_logs.id IS 'Orders the lines of a job.';
COMMENT ON COLUMN job_logs.job IS 'Job that wrote the line.';
COMMENT ON COLUMN job_logs.stage IS 'Stage (job_stages.id) the job was in when the line was written.';
COMMENT ON COLUMN job_logs.line IS 'One line of output, without line terminator.';

-- job_logs.job references jobs (id) ON DELETE CASCADE, checked once per statement instead of once per row.
CREATE FUNCTION job_logs_reference_jobs() RETURNS trigger
LANGUAGE plpgsql AS $$
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
$$;
COMMENT ON FUNCTION job_logs_reference_jobs() IS 'Per-statement foreign key of job_logs.job to jobs.id.';
CREATE TRIGGER job_logs_reference_jobs_insert
    AFTER INSERT ON job_logs REFERENCING NEW TABLE AS new_lines
    FOR EACH STATEMENT EXECUTE FUNCTION job_logs_reference_jobs();
CREATE TRIGGER job_logs_reference_jobs_update
    AFTER UPDATE ON job_logs REFERENCING NEW TABLE AS new_lines
    FOR EACH STATEMENT EXECUTE FUNCTION job_logs_reference_jobs();

CREATE FUNCTION jobs_delete_logs() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM job_logs l USING old_jobs o WHERE l.job = o.id;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION jobs_delete_logs() IS 'Deletes the log lines of deleted jobs (the cascade of job_logs.job).';
CREATE TRIGGER jobs_delete_logs
    AFTER DELETE ON jobs REFERENCING OLD TABLE AS old_jobs
    FOR EACH STATEMENT EXECUTE FUNCTION jobs_delete_logs();

CREATE TABLE job_artifacts (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job       bigint NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    name      text NOT NULL CHECK (name <> ''),
    hash      text NOT NULL,
    size      bigint NOT NULL CHECK (size >= 0),
    signature text NOT NULL,
    downloads bigint NOT NULL DEFAULT 0 CHECK (downloads >= 0),
    UNIQUE (job, name)
);
COMMENT ON TABLE job_artifacts IS 'Artifacts uploaded by jobs.';
COMMENT ON COLUMN job_artifacts.id IS 'Surrogate key.';
COMMENT ON COLUMN job_artifacts.job IS 'Job that produced the artifact.';
COMMENT ON COLUMN job_artifacts.name IS 'Artifact name, unique within its job.';
COMMENT ON COLUMN job_artifacts.hash IS 'Hash of the artifact content.';
COMMENT ON COLUMN job_artifacts.size IS 'Size in bytes.';
COMMENT ON COLUMN job_artifacts.signature IS 'Signature over the artifact.';
COMMENT ON COLUMN job_artifacts.downloads IS 'Total downloads: the sum of its job_artifact_downloads rows.';

CREATE TABLE job_artifact_downloads (
    artifact  bigint NOT NULL REFERENCES job_artifacts (id) ON DELETE CASCADE,
    date      date NOT NULL,
    downloads bigint NOT NULL CHECK (downloads >= 0),
    PRIMARY KEY (artifact, date)
);
COMMENT ON TABLE job_artifact_downloads IS 'Daily download counts per artifact.';
COMMENT ON COLUMN job_artifact_downloads.artifact IS 'Artifact downloaded.';
COMMENT ON COLUMN job_artifact_downloads.date IS 'Day (UTC) the downloads were counted for.';
COMMENT ON COLUMN job_artifact_downloads.downloads IS 'Downloads on that day.';
