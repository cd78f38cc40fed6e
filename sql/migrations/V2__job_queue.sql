-- The build queue, kept as a table instead of computed on request.
--
-- The original computed "what needs building" with a view: a CROSS JOIN of targets and every version with a
-- NOT EXISTS over jobs, scanned in full on every request (and, missing parentheses around AND ... OR ..., one
-- successful job anywhere emptied the queue). Here every (crate version, target) pair of an enabled target has
-- one job_queue row holding its state; triggers keep it in step with versions, crates and targets, so a claim
-- reads the first row of a partial index: the same cost with 20 thousand queued pairs as with 2 million.

ALTER TABLE crates ADD COLUMN priority integer NOT NULL DEFAULT 0;
COMMENT ON COLUMN crates.priority IS 'Build priority set by admins: higher builds first, negative sinks below the backfill.';

CREATE TABLE queue_settings (
    id            boolean PRIMARY KEY DEFAULT true CHECK (id),
    locked        boolean NOT NULL DEFAULT false,
    max_attempts  integer NOT NULL DEFAULT 3 CHECK (max_attempts BETWEEN 1 AND 100),
    lease         interval NOT NULL DEFAULT '15 minutes' CHECK (lease >= '1 second'),
    retry_backoff interval NOT NULL DEFAULT '10 minutes' CHECK (retry_backoff >= '0 seconds')
);
INSERT INTO queue_settings DEFAULT VALUES;
COMMENT ON TABLE queue_settings IS 'The one row of queue settings, shared by every backend instance.';
COMMENT ON COLUMN queue_settings.id IS 'Always true: there is exactly one row.';
COMMENT ON COLUMN queue_settings.locked IS 'While true no job is claimed (admins lock the queue during incidents).';
COMMENT ON COLUMN queue_settings.max_attempts IS 'Failed or expired attempts after which a pair leaves the queue until requeued.';
COMMENT ON COLUMN queue_settings.lease IS 'How long a claim or heartbeat keeps a job alive before it expires.';
COMMENT ON COLUMN queue_settings.retry_backoff IS 'Wait before a failed pair is retried, doubled after each further failure.';

CREATE TABLE job_queue (
    crate_version bigint NOT NULL REFERENCES crate_versions (id) ON DELETE CASCADE,
    target        bigint NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
    state         text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'succeeded', 'failed')),
    active        boolean NOT NULL,
    priority      integer NOT NULL,
    attempts      integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    not_before    timestamptz NOT NULL DEFAULT '-infinity',
    PRIMARY KEY (crate_version, target)
);
-- The claim reads this index from its start: only claimable rows are in it, in claim order.
CREATE INDEX job_queue_claim ON job_queue (target, priority DESC, crate_version DESC)
    WHERE state = 'queued' AND active;
-- No index on target alone: a claim would maintain it on every state change, while only removing a target (a
-- rare admin operation, which then scans the table) and queue statistics (which scan it anyway) would use it.
COMMENT ON TABLE job_queue IS 'Build state of each (crate version, enabled target) pair; queued rows are the build queue.';
COMMENT ON COLUMN job_queue.crate_version IS 'Version to build.';
COMMENT ON COLUMN job_queue.target IS 'Target to build it for; rows of disabled targets stay but are not claimed.';
COMMENT ON COLUMN job_queue.state IS 'queued (needs a build), running (a job holds it), succeeded, or failed (out of attempts).';
COMMENT ON COLUMN job_queue.active IS 'Copy of: crate enabled and version not yanked (kept by triggers, so claims need no joins).';
COMMENT ON COLUMN job_queue.priority IS 'Copy of crates.priority (kept by triggers, so the claim index orders by it).';
COMMENT ON COLUMN job_queue.attempts IS 'Failed or expired jobs since the pair was last queued fresh.';
COMMENT ON COLUMN job_queue.not_before IS 'A failed pair is not claimed before this time (backoff).';

-- At most one running job per pair: two claims can never build the same pair at once.
CREATE UNIQUE INDEX jobs_one_running ON jobs (crate_version, target) WHERE ended IS NULL;
-- jobsExpire finds running jobs by lease end.
CREATE INDEX jobs_running_timeout ON jobs (timeout) WHERE ended IS NULL;

-- New versions enter the queue for every enabled target, set-based per statement (bulk sync inserts many).
CREATE FUNCTION job_queue_versions_added() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
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
COMMENT ON FUNCTION job_queue_versions_added() IS 'Queues new crate versions for every enabled target.';
CREATE TRIGGER job_queue_versions_added
    AFTER INSERT ON crate_versions REFERENCING NEW TABLE AS new_versions
    FOR EACH STATEMENT EXECUTE FUNCTION job_queue_versions_added();

-- Yanking or unyanking a version takes its pairs out of, or back into, the claimable set. Only the new rows are
-- read: joining the old and new transition tables (which have no indexes) costs the square of their size.
CREATE FUNCTION job_queue_version_yanked() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE job_queue q
    SET active = c.enabled AND NOT n.yanked
    FROM new_versions n
    JOIN crates c ON c.id = n.crate
    WHERE q.crate_version = n.id
      AND q.active IS DISTINCT FROM (c.enabled AND NOT n.yanked);
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION job_queue_version_yanked() IS 'Keeps job_queue.active in step with crate_versions.yanked.';
CREATE TRIGGER job_queue_version_yanked
    AFTER UPDATE ON crate_versions REFERENCING NEW TABLE AS new_versions
    FOR EACH STATEMENT EXECUTE FUNCTION job_queue_version_yanked();

-- Enabling, disabling or reprioritising a crate updates the copies in its versions' pairs.
CREATE FUNCTION job_queue_crate_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE job_queue q
    SET active = NEW.enabled AND NOT v.yanked,
        priority = NEW.priority
    FROM crate_versions v
    WHERE v.crate = NEW.id
      AND q.crate_version = v.id;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION job_queue_crate_changed() IS 'Keeps job_queue.active and priority in step with crates.';
CREATE TRIGGER job_queue_crate_changed
    AFTER UPDATE OF enabled, priority ON crates
    FOR EACH ROW WHEN (OLD.enabled IS DISTINCT FROM NEW.enabled OR OLD.priority IS DISTINCT FROM NEW.priority)
    EXECUTE FUNCTION job_queue_crate_changed();

-- A target that becomes enabled gets a pair for every version it has none for yet; disabling keeps the rows
-- (with their attempts), the claim just skips disabled targets.
CREATE FUNCTION job_queue_target_enabled() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO job_queue (crate_version, target, active, priority)
    SELECT v.id, NEW.id, c.enabled AND NOT v.yanked, c.priority
    FROM crate_versions v
    JOIN crates c ON c.id = v.crate
    ON CONFLICT (crate_version, target) DO NOTHING;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION job_queue_target_enabled() IS 'Queues every version for a newly enabled target.';
CREATE TRIGGER job_queue_target_enabled
    AFTER INSERT OR UPDATE OF enabled ON targets
    FOR EACH ROW WHEN (NEW.enabled)
    EXECUTE FUNCTION job_queue_target_enabled();

-- A claim in one round trip: find the builder, then for each of its enabled targets (in random order, so a
-- builder of several targets spreads its work) take the first claimable pair from the partial index
-- job_queue_claim, skipping pairs that other claims hold locked (claims never wait on each other), mark it
-- running and create its job (its uuid from gen_random_uuid: strong, and no lock in the client's random source).
-- Returns a status saying what happened.
CREATE FUNCTION job_claim(builder_uuid uuid)
RETURNS TABLE (claim_status text, claim_job uuid, claim_target text, claim_crate text, claim_version text,
               claim_started timestamptz, claim_timeout timestamptz)
LANGUAGE plpgsql AS $$
DECLARE
    claimer record;
    next_target bigint;
    pair record;
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
    FOR next_target IN
        SELECT bt.target
        FROM builder_targets bt
        JOIN targets t ON t.id = bt.target
        WHERE bt.builder = claimer.id
          AND t.enabled
        ORDER BY random()
    LOOP
        SELECT q.crate_version, q.target INTO pair
        FROM job_queue q
        WHERE q.target = next_target
          AND q.state = 'queued'
          AND q.active
          AND q.not_before <= now()
        ORDER BY q.priority DESC, q.crate_version DESC
        LIMIT 1
        FOR UPDATE SKIP LOCKED;
        IF FOUND THEN
            UPDATE job_queue q
            SET state = 'running'
            WHERE q.crate_version = pair.crate_version
              AND q.target = pair.target;
            RETURN QUERY
                WITH job AS (
                    INSERT INTO jobs (uuid, builder, target, crate_version, timeout)
                    SELECT gen_random_uuid(), claimer.id, pair.target, pair.crate_version, now() + s.lease
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

-- Whenever a job ends, by any writer, its pair moves on: built, or queued again after a backoff that doubles
-- with each failure, or out of the queue once it has failed max_attempts times.
CREATE FUNCTION job_queue_job_ended() RETURNS trigger
LANGUAGE plpgsql AS $$
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
                         ELSE now() + s.retry_backoff * power(2, q.attempts)
                     END
    FROM queue_settings s
    WHERE q.crate_version = NEW.crate_version
      AND q.target = NEW.target;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION job_queue_job_ended() IS 'Moves a pair on when its job ends: succeeded, queued for retry, or failed out.';
CREATE TRIGGER job_queue_job_ended
    AFTER UPDATE OF ended ON jobs
    FOR EACH ROW WHEN (OLD.ended IS NULL AND NEW.ended IS NOT NULL)
    EXECUTE FUNCTION job_queue_job_ended();

-- Idle builders wait on this channel instead of polling: one notification per transaction that makes work
-- claimable (PostgreSQL folds identical notifications of one transaction into one).
CREATE FUNCTION job_queue_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM changed WHERE state = 'queued' AND active) THEN
        PERFORM pg_notify('buildsrs_queue', '');
    END IF;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION job_queue_notify() IS 'Notifies channel buildsrs_queue when pairs become claimable.';
CREATE TRIGGER job_queue_notify_insert
    AFTER INSERT ON job_queue REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION job_queue_notify();
CREATE TRIGGER job_queue_notify_update
    AFTER UPDATE ON job_queue REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION job_queue_notify();

CREATE FUNCTION queue_settings_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('buildsrs_queue', '');
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION queue_settings_notify() IS 'Notifies channel buildsrs_queue when the queue is unlocked.';
CREATE TRIGGER queue_settings_unlocked
    AFTER UPDATE OF locked ON queue_settings
    FOR EACH ROW WHEN (OLD.locked AND NOT NEW.locked)
    EXECUTE FUNCTION queue_settings_notify();

-- Databases migrated with data: build the queue for what exists, set-based.
INSERT INTO job_queue (crate_version, target, active, priority, state)
SELECT v.id, t.id, c.enabled AND NOT v.yanked, c.priority, coalesce(j.state, 'queued')
FROM crate_versions v
JOIN crates c ON c.id = v.crate
CROSS JOIN targets t
LEFT JOIN (
    SELECT crate_version, target,
           CASE WHEN bool_or(ended IS NULL) THEN 'running' WHEN bool_or(success) THEN 'succeeded' END AS state
    FROM jobs
    GROUP BY crate_version, target
) j ON j.crate_version = v.id AND j.target = t.id
WHERE t.enabled;
