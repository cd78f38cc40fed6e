-- Claims cost the same after a hundred thousand claims as after one.
--
-- A claim takes the first row of the partial index job_queue_claim and marks it running, which leaves the old
-- row's entry in the index until VACUUM removes it. Every later claim walked over all of those entries from the
-- start of the index: after 90 thousand claims a claim read 300 index pages (0.84 ms instead of 0.08 ms), so claim
-- throughput fell the longer builders claimed. Now each session remembers, per target, where in claim order its
-- last claim was, and its next claim starts its index scan there. Rows ahead of that point that became claimable
-- since (new versions, requeued pairs, unyanked versions, a changed priority) bump the sequence
-- job_queue_generation; a claim that sees a new generation starts from the beginning again, as it does when the
-- scan from its point finds nothing and after every 256th claim (which also picks up what a rolled-back claim or
-- an elapsed retry backoff put back ahead of it). Claim order is unchanged except for those two cases, where the
-- pair waits at most that many claims of each session. The point lives in a session setting
-- (buildsrs.claim_after_<target>), so claimers share nothing and never wait on each other for it.

CREATE SEQUENCE job_queue_generation;
COMMENT ON SEQUENCE job_queue_generation IS 'Bumped whenever pairs become claimable; claims then scan the queue from its start.';

-- Inserted pairs: one bump and one notification per statement (a sync inserts millions).
CREATE OR REPLACE FUNCTION job_queue_notify() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM changed WHERE state = 'queued' AND active) THEN
        PERFORM nextval('job_queue_generation');
        PERFORM pg_notify('buildsrs_queue', '');
    END IF;
    RETURN NULL;
END;
$$;

-- Updated pairs: a row trigger on the columns that make a pair claimable again. Every writer that does so sets one
-- of them (a failed job's backoff and an admin's requeue set not_before; yanks and crate changes set active and
-- priority), while a claim sets only state, so PostgreSQL does not even consider the trigger for claims. The
-- statement trigger it replaces kept a transition table of every updated row, claims included, and ran a query
-- over it per claim (with it, or with this trigger on every update, claims were 8% slower).
CREATE FUNCTION job_queue_claimable() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM nextval('job_queue_generation');
    PERFORM pg_notify('buildsrs_queue', '');
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION job_queue_claimable() IS 'Notifies channel buildsrs_queue and bumps job_queue_generation when an updated pair is claimable.';
DROP TRIGGER job_queue_notify_update ON job_queue;
CREATE TRIGGER job_queue_claimable_update
    AFTER UPDATE OF active, priority, not_before ON job_queue
    FOR EACH ROW
    WHEN (NEW.state = 'queued' AND NEW.active
          AND (OLD.state <> 'queued' OR NOT OLD.active OR OLD.priority <> NEW.priority
               OR OLD.not_before <> NEW.not_before))
    EXECUTE FUNCTION job_queue_claimable();

-- The stage of a job is one of the four fixed stages of job_stages: a CHECK instead of a foreign key, which
-- locked the same job_stages row from every claim (FOR KEY SHARE) and ran a query of its own per claim.
ALTER TABLE jobs DROP CONSTRAINT jobs_stage_fkey;
ALTER TABLE jobs ADD CONSTRAINT jobs_stage_check CHECK (stage BETWEEN 1 AND 4);
COMMENT ON COLUMN jobs.stage IS 'Current stage: a job_stages.id.';

CREATE OR REPLACE FUNCTION job_claim(builder_uuid uuid)
RETURNS TABLE (claim_status text, claim_job uuid, claim_target text, claim_crate text, claim_version text,
               claim_started timestamptz, claim_timeout timestamptz)
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
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
        -- start of the index (the cost this migration removes).
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
                    SELECT gen_random_uuid(), claimer.id, next_target, pair_version, now() + s.lease
                    FROM queue_settings s
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
$$;
COMMENT ON FUNCTION job_claim(uuid) IS 'Claims the next pair for a builder and creates its job (jobRequest).';

-- Two indexes fewer for every claim to maintain (each cost about 3% of a claim, measured with pgbench):
-- * jobs_running_timeout: jobsExpire finds running jobs through jobs_one_running instead, which holds only the
--   running jobs (about one per builder), and heartbeats, which move the timeout, no longer have to update an
--   index on it.
-- * jobs_target: a handful of targets share millions of jobs, so the index hardly narrows a search; job lists by
--   target read the newest jobs first anyway, and removing a target (which must find that it has no jobs) scans
--   the table once.
DROP INDEX jobs_running_timeout;
DROP INDEX jobs_target;
