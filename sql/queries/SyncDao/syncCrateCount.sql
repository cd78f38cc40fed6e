SELECT count(*) FROM crates
