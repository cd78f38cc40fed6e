-- ? = k (the pair's k-th job, 1 = oldest), ? = jobs per pair, ? = first version id, ? = last version id.
-- Finished jobs of every (version, target) in the range, one per pair for this k, set-based: job k of a pair
-- started (jobs per pair - k) * 30 days + up to a day ago; about one in ten failed. The enabled builders take
-- turns, except that a disabled builder, if there is one, ran every oldest job (k = 1): one that stopped months ago.
WITH p AS (SELECT ?::int AS k, ?::int AS per_pair)
INSERT INTO jobs (uuid, builder, target, crate_version, stage, started, timeout, ended, success)
SELECT gen_random_uuid(),
       CASE WHEN p.k = 1 AND b.retired IS NOT NULL THEN b.retired
            ELSE b.ids[1 + (v.id + t.id + p.k) % cardinality(b.ids)] END,
       t.id, v.id, 4, s.started, s.started + interval '15 minutes', s.started + interval '3 minutes',
       (v.id * 7 + t.id) % 10 <> 0
FROM p
CROSS JOIN crate_versions v
CROSS JOIN targets t
CROSS JOIN (SELECT array_agg(id ORDER BY id) FILTER (WHERE enabled) AS ids,
                   min(id) FILTER (WHERE NOT enabled) AS retired
            FROM builders) b
CROSS JOIN LATERAL (SELECT now() - (p.per_pair - p.k) * interval '30 days' - (v.id % 86400) * interval '1 second'
                           - interval '1 day' AS started) s
WHERE v.id BETWEEN ?::bigint AND ?::bigint
ORDER BY v.id, t.id
