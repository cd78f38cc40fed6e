-- After the growth benchmark's bulk load: the indexes V1-V14 define, as they were, and checks back on. (The bench
-- then runs VACUUM ANALYZE on each table: VACUUM cannot run in the implicit transaction of a multi-statement call.)
RESET session_replication_role;
SET maintenance_work_mem = '512MB';
ALTER TABLE jobs ADD CONSTRAINT jobs_uuid_key UNIQUE (uuid);
CREATE INDEX jobs_crate_version_ended ON jobs (crate_version, target) WHERE ended IS NOT NULL;
CREATE INDEX jobs_builder_newest ON jobs (builder, id);
ALTER TABLE job_artifact_downloads ADD CONSTRAINT job_artifact_downloads_pkey PRIMARY KEY (artifact, date);
CREATE INDEX job_artifact_downloads_date ON job_artifact_downloads (date);
RESET maintenance_work_mem;
