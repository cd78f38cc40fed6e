SELECT locked, max_attempts,
       extract(epoch FROM lease) * 1000 AS lease_millis,
       extract(epoch FROM retry_backoff) * 1000 AS retry_backoff_millis
FROM queue_settings
