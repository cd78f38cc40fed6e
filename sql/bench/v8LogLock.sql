-- V8's append of a batch, step 1 (JobStore.runningForShare): lock the running job.
SELECT id, stage FROM jobs WHERE uuid = ? AND ended IS NULL FOR SHARE
