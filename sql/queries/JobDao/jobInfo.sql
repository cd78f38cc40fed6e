SELECT j.uuid, b.uuid AS builder, t.name AS target, c.name AS crate, v.version, j.stage,
       j.started, j.timeout, j.ended, j.success
FROM jobs j
JOIN builders b ON b.id = j.builder
JOIN targets t ON t.id = j.target
JOIN crate_versions v ON v.id = j.crate_version
JOIN crates c ON c.id = v.crate
WHERE j.uuid = :uuid
