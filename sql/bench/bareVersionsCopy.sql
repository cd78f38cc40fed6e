COPY bare_versions (crate, version, checksum, yanked) FROM STDIN
