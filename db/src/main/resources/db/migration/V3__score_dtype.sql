-- The precision of the subject's weight products (issue 11): float32 (the default) or bfloat16.
-- It is part of a score's identity, so a bfloat16 score never replaces or collides with a float32 one.
-- Rows recorded before this column existed were computed in float32.
ALTER TABLE scores ADD COLUMN dtype TEXT NOT NULL DEFAULT 'float32';
ALTER TABLE scores DROP CONSTRAINT scores_one_per_key;
ALTER TABLE scores ADD CONSTRAINT scores_one_per_key UNIQUE (model_id, benchmark, benchmark_version, policy, dtype);
ALTER TABLE evaluation_jobs ADD COLUMN dtype TEXT NOT NULL DEFAULT 'float32';
