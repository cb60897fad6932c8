-- The database is the queue's source of truth (docs/PLATFORM.md, "Guarantees"): published_at is when
-- the queue last confirmed a message for the job. A QUEUED job with none is in the outbox; the
-- dispatcher publishes it, and republishes RUNNING jobs whose lease ran out.
ALTER TABLE evaluation_jobs ADD COLUMN published_at TIMESTAMPTZ;
-- Jobs recorded before this column existed had their message published when they were recorded.
UPDATE evaluation_jobs SET published_at = created_at;
CREATE INDEX evaluation_jobs_dispatch_index ON evaluation_jobs (state, published_at);
