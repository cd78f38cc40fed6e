SELECT (SELECT count(*) FROM crates) AS crates,
       (SELECT count(*) FROM crate_versions) AS versions
