-- Before the growth benchmark's bulk load (a bench database, consistent by construction): no per-row foreign key
-- or trigger checks, and the secondary indexes of the big tables built once afterwards (growthLoadEnd.sql) instead
-- of maintained row by row.
SET session_replication_role = replica;
DROP INDEX jobs_crate_version_ended;
DROP INDEX jobs_builder_newest;
ALTER TABLE jobs DROP CONSTRAINT jobs_uuid_key;
ALTER TABLE job_artifact_downloads DROP CONSTRAINT job_artifact_downloads_pkey;
DROP INDEX job_artifact_downloads_date;
