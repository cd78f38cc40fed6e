SELECT t.name AS target, t.enabled,
       count(*) FILTER (WHERE q.state = 'queued' AND q.active) AS queued,
       count(*) FILTER (WHERE q.state = 'running') AS running,
       count(*) FILTER (WHERE q.state = 'succeeded') AS succeeded,
       count(*) FILTER (WHERE q.state = 'failed') AS failed
FROM targets t
LEFT JOIN job_queue q ON q.target = t.id
GROUP BY t.id, t.name, t.enabled
ORDER BY t.name
