-- The physical limit for the sync benchmark: the same rows into a plain logged table without any index.
CREATE TABLE bare_versions (crate text, version text, checksum text, yanked boolean)
