\set n random(1, 16)
BEGIN;
SELECT * FROM job_claim((SELECT uuid FROM builders ORDER BY id OFFSET :n - 1 LIMIT 1));
END;
