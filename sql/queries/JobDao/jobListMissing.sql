-- For an empty jobList page: which of its criteria name a builder, target, crate or version (of that crate) that
-- does not exist, so that a typo is reported instead of looking like "no jobs". A null criterion is never missing.
-- Crates by canonical name, as jobList.sql.
SELECT CAST(:builder AS uuid) IS NOT NULL
           AND NOT EXISTS (SELECT FROM builders WHERE uuid = CAST(:builder AS uuid)) AS builder,
       CAST(:target AS text) IS NOT NULL
           AND NOT EXISTS (SELECT FROM targets WHERE name = CAST(:target AS text)) AS target,
       CAST(:crate AS text) IS NOT NULL
           AND NOT EXISTS (SELECT FROM crates
                           WHERE crate_name_canonical(name) = crate_name_canonical(CAST(:crate AS text))) AS crate,
       CAST(:version AS text) IS NOT NULL
           AND NOT EXISTS (SELECT FROM crate_versions v
                           JOIN crates c ON c.id = v.crate
                           WHERE crate_name_canonical(c.name) = crate_name_canonical(CAST(:crate AS text))
                             AND v.version = CAST(:version AS text)) AS version
