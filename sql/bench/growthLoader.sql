-- Each connection of the growth benchmark's parallel bulk load (growthLoadStart.sql says why): no per-row foreign key
-- or trigger checks on it.
SET session_replication_role = replica;
