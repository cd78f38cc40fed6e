-- V8's append of a batch, step 2 (jobLogCopy.sql of V8), into the V8 layout.
COPY v8_job_logs (job, stage, line) FROM STDIN
