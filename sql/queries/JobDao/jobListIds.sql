-- The ids of what a jobList call names, resolved before the list: a name that matches nothing is reported at once
-- (listed by it, the page scanned every job to find none), and the list then reads jobs alone (jobList.sql). A
-- criterion not given, or naming nothing, gives null. A crate is found by its canonical name (any case, '-' as '_':
-- V10__names.sql). versions: the version's id when a version is named, else the
-- ids of all the crate's versions (empty for a crate without versions); the list takes them as an array, which the
-- planner can use for an index scan (a subquery under jobList's "not given or" was planned as a filter of every job).
SELECT b.id AS builder, t.id AS target, c.id AS crate,
       CASE
           WHEN c.id IS NULL
               THEN NULL
           WHEN CAST(:version AS text) IS NOT NULL
               THEN (SELECT array_agg(v.id) FROM crate_versions v
                     WHERE v.crate = c.id AND v.version = CAST(:version AS text))
           ELSE (SELECT coalesce(array_agg(v.id), '{}') FROM crate_versions v WHERE v.crate = c.id)
       END AS versions
FROM (SELECT) one
LEFT JOIN builders b ON b.uuid = CAST(:builder AS uuid)
LEFT JOIN targets t ON t.name = CAST(:target AS text)
LEFT JOIN crates c ON crate_name_canonical(c.name) = crate_name_canonical(CAST(:crate AS text))
