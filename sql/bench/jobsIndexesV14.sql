-- Back to today's indexes of jobs: V9's (builder, id) and V14's finished jobs by version (see
-- V14__claims_skip_the_version_index.sql).
CREATE INDEX jobs_crate_version_ended ON jobs (crate_version, target) WHERE ended IS NOT NULL;
CREATE INDEX jobs_builder_newest ON jobs (builder, id);
DROP INDEX jobs_builder;
