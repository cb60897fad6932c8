-- The langscore platform: models, benchmarks, scores with their per-item data, and evaluation jobs.
-- Doubles that have no value (a benchmark without a ceiling, a metric without an uncertainty) are
-- stored as 'NaN', so that every numeric column is NOT NULL and binds the same way everywhere.

CREATE TABLE models (
    id              BIGSERIAL PRIMARY KEY,
    identifier      TEXT        NOT NULL,
    source_kind     TEXT        NOT NULL CHECK (source_kind IN ('LOCAL', 'HUB')),
    source          TEXT        NOT NULL,
    revision        TEXT,
    architecture    TEXT,
    parameter_count BIGINT,
    dtype           TEXT,
    submitter       TEXT,
    public_model    BOOLEAN     NOT NULL DEFAULT TRUE,
    metadata        JSONB       NOT NULL DEFAULT '{}'::jsonb,
    registered_at   TIMESTAMPTZ NOT NULL,
    CONSTRAINT models_identifier_unique UNIQUE (identifier)
);

CREATE TABLE benchmarks (
    id                  BIGSERIAL PRIMARY KEY,
    identifier          TEXT             NOT NULL,
    version             INTEGER          NOT NULL,
    parent              TEXT             NOT NULL,
    description         TEXT,
    ceiling             DOUBLE PRECISION NOT NULL DEFAULT 'NaN',
    ceiling_uncertainty DOUBLE PRECISION NOT NULL DEFAULT 'NaN',
    ceiling_source      TEXT,
    bibtex              TEXT,
    updated_at          TIMESTAMPTZ      NOT NULL,
    CONSTRAINT benchmarks_identifier_version_unique UNIQUE (identifier, version)
);

CREATE TABLE scores (
    id                BIGSERIAL PRIMARY KEY,
    model_id          BIGINT           NOT NULL REFERENCES models (id),
    benchmark         TEXT             NOT NULL,
    benchmark_version INTEGER          NOT NULL,
    policy            TEXT             NOT NULL,
    policy_parameters JSONB            NOT NULL DEFAULT '{}'::jsonb,
    value             DOUBLE PRECISION NOT NULL DEFAULT 'NaN',
    unclipped_value   DOUBLE PRECISION NOT NULL DEFAULT 'NaN',
    raw_value         DOUBLE PRECISION NOT NULL DEFAULT 'NaN',
    ceiling           DOUBLE PRECISION NOT NULL DEFAULT 'NaN',
    uncertainty       DOUBLE PRECISION NOT NULL DEFAULT 'NaN',
    sub_scores        JSONB            NOT NULL DEFAULT '[]'::jsonb,
    attributes        JSONB            NOT NULL DEFAULT '{}'::jsonb,
    langscore_version TEXT             NOT NULL,
    started_at        TIMESTAMPTZ      NOT NULL,
    finished_at       TIMESTAMPTZ      NOT NULL,
    error             TEXT,
    job_id            UUID,
    -- One score per (model, benchmark, version, policy): writing it twice is a no-op.
    CONSTRAINT scores_one_per_key UNIQUE (model_id, benchmark, benchmark_version, policy)
);
CREATE INDEX scores_benchmark_index ON scores (benchmark, benchmark_version);

-- Per-item data (per-word surprisal, per-region values): one row per table of a score.
CREATE TABLE score_items (
    id           BIGSERIAL PRIMARY KEY,
    score_id     BIGINT NOT NULL REFERENCES scores (id) ON DELETE CASCADE,
    name         TEXT   NOT NULL,
    item_columns JSONB  NOT NULL,
    item_rows    JSONB  NOT NULL,
    CONSTRAINT score_items_name_unique UNIQUE (score_id, name)
);

CREATE TABLE evaluation_jobs (
    id                UUID PRIMARY KEY,
    model_id          BIGINT           NOT NULL REFERENCES models (id),
    benchmark         TEXT             NOT NULL,
    policy            TEXT             NOT NULL,
    state             TEXT             NOT NULL CHECK (state IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    attempts          INTEGER          NOT NULL DEFAULT 0,
    progress_fraction DOUBLE PRECISION NOT NULL DEFAULT 0,
    words_per_second  DOUBLE PRECISION NOT NULL DEFAULT 0,
    progress_stage    TEXT,
    worker_id         TEXT,
    created_at        TIMESTAMPTZ      NOT NULL,
    started_at        TIMESTAMPTZ,
    heartbeat_at      TIMESTAMPTZ,
    finished_at       TIMESTAMPTZ,
    last_error        TEXT,
    score_id          BIGINT REFERENCES scores (id),
    row_version       BIGINT           NOT NULL DEFAULT 0
);
CREATE INDEX evaluation_jobs_state_index ON evaluation_jobs (state);
CREATE INDEX evaluation_jobs_model_index ON evaluation_jobs (model_id);
