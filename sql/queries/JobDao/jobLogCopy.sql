-- Run by JobStore through the driver's COPY API: the fastest way in for a batch of lines (see jobLog).
COPY job_logs (job, stage, line) FROM STDIN
