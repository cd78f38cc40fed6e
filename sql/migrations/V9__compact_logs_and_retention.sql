-- Years of builds (issue #13): compact logs, the indexes retention and the website's reads need.
--
-- 1. job_logs keeps its name and meaning (the log lines of a job, in order, with the stage each was written in), but
--    a row is now a chunk of consecutive lines of one stage: (job, id, stage, lines text[]). One row per line cost
--    ~98 bytes for a short line (tuple header, job, id, stage, a btree entry); a chunk pays those once per up to
--    1,000 lines, and TOAST compresses its array (lz4 where the server has it, pglz otherwise). An append of n lines
--    writes ceil(n / 1000) chunks; an append of one line writes a chunk of one, and job_logs_compact (called when
--    jobs finish or expire) merges a finished job's small chunks, so a log written line by line ends up as compact
--    as one written in batches. Lines are ordered by (id, position in the chunk), as they were by id.
ALTER TABLE job_logs RENAME TO job_logs_v8;
ALTER TABLE job_logs_v8 RENAME CONSTRAINT job_logs_pkey TO job_logs_v8_pkey;
ALTER SEQUENCE job_logs_id_seq RENAME TO job_logs_v8_id_seq;

CREATE TABLE job_logs (
    job   bigint NOT NULL,
    id    bigint GENERATED ALWAYS AS IDENTITY,
    stage smallint NOT NULL CHECK (stage BETWEEN 1 AND 4),
    lines text[] NOT NULL CHECK (cardinality(lines) > 0 AND array_ndims(lines) = 1 AND array_position(lines, NULL) IS NULL),
    PRIMARY KEY (job, id)
);
COMMENT ON TABLE job_logs IS 'Log lines of jobs in chunks of consecutive lines of one stage, in order of id, then position.';
COMMENT ON COLUMN job_logs.id IS 'Orders the chunks of a job.';
COMMENT ON COLUMN job_logs.job IS 'Job that wrote the lines.';
COMMENT ON COLUMN job_logs.stage IS 'Stage (job_stages.id) the job was in when the lines were written.';
COMMENT ON COLUMN job_logs.lines IS 'Consecutive lines of output (at most ~2,000), each without line terminator.';

-- lz4 compresses and, above all, decompresses faster than pglz at a similar ratio; it exists from PostgreSQL 14 and
-- only where the server was built with it. Elsewhere the column keeps the default (pglz).
DO $$
BEGIN
    IF current_setting('server_version_num')::int >= 140000
       AND EXISTS (SELECT FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        EXECUTE 'ALTER TABLE job_logs ALTER COLUMN lines SET COMPRESSION lz4';
    END IF;
END;
$$;

-- Carry every line over unchanged: runs of consecutive lines of one stage (in id order) become chunks of 1,000.
INSERT INTO job_logs (job, id, stage, lines) OVERRIDING SYSTEM VALUE
SELECT job, min(id), stage, array_agg(line ORDER BY id)
FROM (
    SELECT job, id, stage, line,
           run,
           (row_number() OVER (PARTITION BY job, stage, run ORDER BY id) - 1) / 1000 AS part
    FROM (
        SELECT job, id, stage, line,
               row_number() OVER (PARTITION BY job ORDER BY id)
               - row_number() OVER (PARTITION BY job, stage ORDER BY id) AS run
        FROM job_logs_v8
    ) runs
) parts
GROUP BY job, stage, run, part;

-- New chunks come after every carried one.
SELECT setval(pg_get_serial_sequence('job_logs', 'id'), (SELECT max(id) FROM job_logs_v8))
WHERE EXISTS (SELECT FROM job_logs_v8);

DROP TABLE job_logs_v8;

-- The per-statement reference to jobs (V1, run as owner since V3) on the new table.
CREATE TRIGGER job_logs_reference_jobs_insert
    AFTER INSERT ON job_logs REFERENCING NEW TABLE AS new_lines
    FOR EACH STATEMENT EXECUTE FUNCTION job_logs_reference_jobs();
CREATE TRIGGER job_logs_reference_jobs_update
    AFTER UPDATE ON job_logs REFERENCING NEW TABLE AS new_lines
    FOR EACH STATEMENT EXECUTE FUNCTION job_logs_reference_jobs();
-- jobs_delete_logs (after DELETE on jobs) and jobs_truncated (after TRUNCATE jobs) name job_logs and reach it.

-- Merges consecutive small chunks of one stage of the given jobs into chunks of about 1,000 lines: the first chunk of
-- each group takes the lines of the rest, which are deleted, so the order stays (id, position). Called by the
-- library after a job finishes or expires, in a statement of its own. At READ COMMITTED that statement sees every
-- committed append: appends lock their running job FOR SHARE, and the finish waited for them. A REPEATABLE READ or
-- SERIALIZABLE snapshot may predate an append that committed before the finish, and merging around a chunk it does
-- not see could reorder lines, so at those levels nothing is merged (the lines stay readable, just less compact).
CREATE FUNCTION job_logs_compact(job_ids bigint[]) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
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
$$;
COMMENT ON FUNCTION job_logs_compact(bigint[]) IS 'Merges the small log chunks of jobs (at READ COMMITTED); returns how many chunks were merged away.';
REVOKE EXECUTE ON FUNCTION job_logs_compact(bigint[]) FROM PUBLIC;

-- 2. Reads that stay fast at 10M jobs. jobList by crate or version goes from versions to their jobs: it was a hash
--    join over every job. (crate_version, target) also finds the other jobs of a pair, which retention asks for
--    every job it considers. Builder lists are newest first with a limit: (builder, id) reads just the page, where
--    (builder) fetched and sorted all of a builder's jobs first; it replaces that index, so a claim maintains one
--    index more than before (crate_version), not two. Targets stay without an index (V4): a handful share every job,
--    and the newest jobs of one are found by reading the newest jobs.
CREATE INDEX jobs_crate_version ON jobs (crate_version, target);
CREATE INDEX jobs_builder_newest ON jobs (builder, id);
DROP INDEX jobs_builder;

-- 3. Retention of daily downloads deletes the oldest days first; the index is small (B-tree deduplication keeps one
--    entry per day and page), and the upsert that counts downloads never changes a row's date, so it stays HOT.
CREATE INDEX job_artifact_downloads_date ON job_artifact_downloads (date);
