UPDATE queue_settings
SET locked = :locked
