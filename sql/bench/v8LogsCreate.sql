-- job_logs as V1-V8 had it (a row per line, keyed (job, id), the same per-statement reference trigger), beside
-- today's, for the old-vs-new rows of the growth benchmark.
CREATE TABLE v8_job_logs (
    job   bigint NOT NULL,
    id    bigint GENERATED ALWAYS AS IDENTITY,
    stage smallint NOT NULL CHECK (stage BETWEEN 1 AND 4),
    line  text NOT NULL,
    PRIMARY KEY (job, id)
);
CREATE TRIGGER v8_job_logs_reference_jobs_insert
    AFTER INSERT ON v8_job_logs REFERENCING NEW TABLE AS new_lines
    FOR EACH STATEMENT EXECUTE FUNCTION job_logs_reference_jobs();
