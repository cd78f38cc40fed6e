-- A claim's job is one row, and the planner now knows it.
--
-- The claim inserted its job with INSERT ... SELECT ... FROM queue_settings (for the lease) and joined what it
-- returned to crate_versions and crates for the names it reports. queue_settings holds one row but is never
-- analyzed (its one row changes rarely), so the planner took it for the 1,230 rows it assumes of a small table
-- without statistics, planned the join for 1,230 new jobs, and below about a million versions chose to hash every
-- version: 40-55 ms a claim with 100,000 versions (PostgreSQL 15, auto_explain), against 0.5 ms with 10 million jobs
-- and a million versions, where the index lookups won. The job is now one VALUES row with the lease from a scalar
-- subquery (which also fails, instead of inserting two jobs, should queue_settings ever hold two rows), so the
-- planner looks each name up by index whatever the size. Nothing else in the function changes.

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
$$;
COMMENT ON FUNCTION job_claim(uuid) IS 'Claims the next pair for a builder and creates its job (jobRequest).';
