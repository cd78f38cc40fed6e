-- Races and holes in the build queue found by review (V1, V2, V4); each comment says what went wrong.

-- 1. A new version and a target enabled (or a crate disabled or reprioritised) in two concurrent transactions
--    each missed the other's uncommitted rows: the (version, target) pair was never queued, or the pairs kept the
--    crate's old enabled/priority copy. The version's side now locks the targets and the crate with FOR SHARE, which
--    conflicts with their updates: whichever transaction comes second waits for the first to commit, and its next
--    statement (a new snapshot at READ COMMITTED) sees what the first wrote. The crate lock was FOR KEY SHARE,
--    which does not conflict with a change of enabled or priority.
CREATE OR REPLACE FUNCTION crate_versions_reference_crates() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
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
$$;

CREATE OR REPLACE FUNCTION job_queue_versions_added() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
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
$$;

-- 2. The retry backoff doubled without bound: after enough failures (max_attempts may be 100) the interval
--    overflowed, jobFinish failed and jobsExpire failed on that job every time, so no job expired at all. It now
--    stops doubling after 10 failures (a year's backoff times 2^10 still fits an interval) and never exceeds a
--    year. power is named with its schema: this function runs as its owner, and a power(int, int) in public would
--    match the call better than the built-in.
CREATE OR REPLACE FUNCTION job_queue_job_ended() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
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
$$;

-- 3. Deleting a running job (admins may delete jobs) left its pair 'running' for good: never claimed again, and
--    jobRequeue refused it as being built. Its pair goes back to the queue, with its attempts as they were.
CREATE FUNCTION job_queue_jobs_deleted() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
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
$$;
COMMENT ON FUNCTION job_queue_jobs_deleted() IS 'Queues again the pairs of running jobs that were deleted.';
CREATE TRIGGER job_queue_jobs_deleted
    AFTER DELETE ON jobs REFERENCING OLD TABLE AS deleted_jobs
    FOR EACH STATEMENT EXECUTE FUNCTION job_queue_jobs_deleted();

-- TRUNCATE fires no delete trigger: the same for every running pair, and the logs of the jobs go too (job_logs
-- refers to jobs through a trigger, not a foreign key, so TRUNCATE jobs CASCADE left them).
CREATE FUNCTION jobs_truncated() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    UPDATE job_queue SET state = 'queued', not_before = now() WHERE state = 'running';
    TRUNCATE job_logs;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION jobs_truncated() IS 'After TRUNCATE jobs: queues running pairs again and empties job_logs.';
CREATE TRIGGER jobs_truncated
    AFTER TRUNCATE ON jobs
    FOR EACH STATEMENT EXECUTE FUNCTION jobs_truncated();

-- 4. The generation was bumped by the writer's statement, before its commit: a claim in between saw the new
--    generation, scanned the whole queue without seeing the writer's rows, and recorded its point under that
--    generation, so after the commit those rows, ahead of the point, waited up to 256 claims of that session. Writers
--    now only note that a bump is due (one row per transaction); a deferred trigger bumps the sequence as the
--    transaction commits. nextval is called with a cast to regclass, so it matches the built-in exactly (an unknown
--    literal would prefer a nextval(text) created in public).
CREATE TABLE job_queue_generation_due (
    xact xid8 PRIMARY KEY DEFAULT pg_catalog.pg_current_xact_id()
);
COMMENT ON TABLE job_queue_generation_due IS 'Transactions that made pairs claimable: job_queue_generation is bumped at their commit.';
COMMENT ON COLUMN job_queue_generation_due.xact IS 'The transaction; its row is gone once it commits or rolls back.';

CREATE FUNCTION job_queue_generation_bump() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM pg_catalog.nextval('job_queue_generation'::regclass);
    DELETE FROM job_queue_generation_due WHERE xact = NEW.xact;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION job_queue_generation_bump() IS 'Bumps job_queue_generation as a transaction that made pairs claimable commits.';
CREATE CONSTRAINT TRIGGER job_queue_generation_bump
    AFTER INSERT ON job_queue_generation_due
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION job_queue_generation_bump();

CREATE OR REPLACE FUNCTION job_queue_notify() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM changed WHERE state = 'queued' AND active) THEN
        INSERT INTO job_queue_generation_due DEFAULT VALUES ON CONFLICT DO NOTHING;
        PERFORM pg_catalog.pg_notify('buildsrs_queue', '');
    END IF;
    RETURN NULL;
END;
$$;

CREATE OR REPLACE FUNCTION job_queue_claimable() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    INSERT INTO job_queue_generation_due DEFAULT VALUES ON CONFLICT DO NOTHING;
    PERFORM pg_catalog.pg_notify('buildsrs_queue', '');
    RETURN NULL;
END;
$$;
