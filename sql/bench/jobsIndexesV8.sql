-- The indexes of jobs as V8 had them (for claims/s without V9's and V14's): no index by version, builder alone.
DROP INDEX jobs_crate_version_ended;
CREATE INDEX jobs_builder ON jobs (builder);
DROP INDEX jobs_builder_newest;
