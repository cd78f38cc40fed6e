-- Soak invariants: how many jobs there are, for the report.
SELECT count(*)
FROM jobs
