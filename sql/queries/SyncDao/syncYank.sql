-- Only changed flags of versions whose checksum matches (a lenient sync skips the others).
WITH changed AS (
    UPDATE crate_versions v
    SET yanked = d.yanked
    FROM sync_diff d
    WHERE v.id = d.version_id
      AND d.stored_checksum = d.checksum
      AND d.stored_yanked <> d.yanked
    RETURNING v.yanked
)
SELECT count(*) FILTER (WHERE yanked) AS yanked,
       count(*) FILTER (WHERE NOT yanked) AS unyanked
FROM changed
