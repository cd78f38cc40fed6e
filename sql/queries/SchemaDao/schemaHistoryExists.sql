-- Whether the database was ever migrated: Flyway keeps its history in this table (in the migrations' schema).
SELECT to_regclass('flyway_schema_history') IS NOT NULL
