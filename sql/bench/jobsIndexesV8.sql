-- The indexes of jobs as V8 had them (for claims/s without V9's): no crate_version index, builder alone.
DROP INDEX jobs_crate_version;
CREATE INDEX jobs_builder ON jobs (builder);
DROP INDEX jobs_builder_newest;
