-- The ids of what a jobList call names (a builder, a target, a crate, a version of that crate), resolved before the
-- list: a name that matches nothing is reported at once (listed by it, the page scanned every job to find none),
-- and the list then reads jobs alone (jobList.sql). A criterion not given, or naming nothing, gives null.
SELECT (SELECT id FROM builders WHERE uuid = CAST(:builder AS uuid)) AS builder,
       (SELECT id FROM targets WHERE name = CAST(:target AS text)) AS target,
       (SELECT id FROM crates WHERE name = CAST(:crate AS text)) AS crate,
       (SELECT v.id
        FROM crate_versions v
        JOIN crates c ON c.id = v.crate
        WHERE c.name = CAST(:crate AS text)
          AND v.version = CAST(:version AS text)) AS version
