-- Soak invariant: two jobs of one pair alive at once, by the jobs' own times (claimed at started, alive until ended,
-- or still): a pair claimed twice. Every job is checked.
SELECT c.name, v.version, t.name, a.uuid, a.started, a.ended, b.uuid, b.started, b.ended
FROM jobs a
JOIN jobs b ON b.crate_version = a.crate_version AND b.target = a.target AND b.id > a.id
JOIN crate_versions v ON v.id = a.crate_version
JOIN crates c ON c.id = v.crate
JOIN targets t ON t.id = a.target
WHERE tstzrange(a.started, a.ended) && tstzrange(b.started, b.ended)
ORDER BY a.id
