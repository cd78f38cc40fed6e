-- ? = how many: running jobs (one per version, first target, first builder) to append logs to.
INSERT INTO jobs (uuid, builder, target, crate_version, timeout)
SELECT gen_random_uuid(), (SELECT min(id) FROM builders), (SELECT min(id) FROM targets), v.id, now() + interval '1 day'
FROM crate_versions v
ORDER BY v.id
LIMIT ?::int
RETURNING uuid
