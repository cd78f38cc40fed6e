SELECT count(*)
FROM crates
