-- Soak invariants: every job, with its pair and outcome, for the comparison with what the builders saw.
SELECT j.uuid, c.name, v.version, t.name, j.ended IS NULL AS running, j.success
FROM jobs j
JOIN crate_versions v ON v.id = j.crate_version
JOIN crates c ON c.id = v.crate
JOIN targets t ON t.id = j.target
