-- Back to V9's indexes of jobs (see V9__compact_logs_and_retention.sql).
CREATE INDEX jobs_crate_version ON jobs (crate_version, target);
CREATE INDEX jobs_builder_newest ON jobs (builder, id);
DROP INDEX jobs_builder;
