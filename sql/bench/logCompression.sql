-- How job_logs' chunks are compressed: 'lz4', 'pglz', or none for values stored uncompressed.
SELECT coalesce(pg_column_compression(lines), 'none') AS method, count(*)
FROM job_logs
GROUP BY 1
ORDER BY 2 DESC
LIMIT 1
