-- The triggers that keep derived data in step (the build queue, the per-statement reference of job_logs) write
-- tables the role that fired them may not: the registry-sync role adds versions but must not write the queue.
-- They run as their owner instead, with a fixed search_path so no caller can redirect them (see sql/roles/).
ALTER FUNCTION crate_versions_checksum_immutable() SECURITY DEFINER SET search_path = public, pg_temp;
ALTER FUNCTION crate_versions_reference_crates() SECURITY DEFINER SET search_path = public, pg_temp;
ALTER FUNCTION crate_versions_crate_immutable() SECURITY DEFINER SET search_path = public, pg_temp;
ALTER FUNCTION crates_delete_versions() SECURITY DEFINER SET search_path = public, pg_temp;
ALTER FUNCTION job_logs_reference_jobs() SECURITY DEFINER SET search_path = public, pg_temp;
ALTER FUNCTION jobs_delete_logs() SECURITY DEFINER SET search_path = public, pg_temp;
ALTER FUNCTION job_queue_versions_added() SECURITY DEFINER SET search_path = public, pg_temp;
ALTER FUNCTION job_queue_version_yanked() SECURITY DEFINER SET search_path = public, pg_temp;
ALTER FUNCTION job_queue_crate_changed() SECURITY DEFINER SET search_path = public, pg_temp;
ALTER FUNCTION job_queue_target_enabled() SECURITY DEFINER SET search_path = public, pg_temp;
ALTER FUNCTION job_queue_job_ended() SECURITY DEFINER SET search_path = public, pg_temp;
ALTER FUNCTION job_queue_notify() SECURITY DEFINER SET search_path = public, pg_temp;
ALTER FUNCTION queue_settings_notify() SECURITY DEFINER SET search_path = public, pg_temp;
-- job_claim runs as its caller: the backend role has the rights a claim needs, and nobody else should claim.
ALTER FUNCTION job_claim(uuid) SET search_path = public, pg_temp;
REVOKE EXECUTE ON FUNCTION job_claim(uuid) FROM PUBLIC;
