SELECT count(*) FROM crate_versions
