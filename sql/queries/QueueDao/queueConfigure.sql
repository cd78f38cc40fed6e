UPDATE queue_settings
SET max_attempts = :maxAttempts,
    lease = make_interval(secs => :leaseMillis / 1000.0),
    retry_backoff = make_interval(secs => :retryBackoffMillis / 1000.0)
