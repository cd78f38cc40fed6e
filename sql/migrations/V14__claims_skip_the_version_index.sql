-- Claims write no entry into the index of jobs by version (issue #13). V9's jobs_crate_version held every job, so
-- each claim inserted into it: the one index a claim maintains beyond V8's, 0-11 % of claims/s in the growth
-- benchmark (10M jobs), most where the server's buffers were small for it. A new job is running, and running jobs
-- are in jobs_one_running (V2: the same columns, only jobs with ended IS NULL) already; so the index keeps the
-- finished jobs only, and a job enters it when it ends (an UPDATE of ended writes new index entries anyway: ended is
-- in jobs_one_running's predicate, so the update is never HOT).
--
-- Readers by version name both halves: jobList asks for (crate_version = ANY (...) AND ended IS NOT NULL) OR
-- (crate_version = ANY (...) AND ended IS NULL), which the planner reads as a BitmapOr of the two indexes;
-- retention asks for finished jobs of a pair. A query by crate_version alone (a foreign key check when a version
-- is deleted, which no API does) scans jobs, as before V9.
--
-- Built before the old one is dropped, so lists by version stay fast meanwhile; writers of jobs wait for the build.
CREATE INDEX jobs_crate_version_ended ON jobs (crate_version, target) WHERE ended IS NOT NULL;
DROP INDEX jobs_crate_version;
COMMENT ON INDEX jobs_crate_version_ended IS 'Finished jobs by version and target (lists by crate or version, retention); running ones are in jobs_one_running.';
