-- The newest migration applied, in Flyway's order of versions (10 after 9; Flyway stores 1_1 as 1.1).
SELECT version
FROM flyway_schema_history
WHERE success AND version IS NOT NULL
ORDER BY string_to_array(version, '.')::numeric[] DESC
LIMIT 1
