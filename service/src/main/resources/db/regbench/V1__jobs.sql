-- The job service's store: one row per job, its log lines beside it. Written for both H2 (embedded)
-- and PostgreSQL (shared); times are epoch milliseconds.
CREATE TABLE jobs (
    id               VARCHAR(36)    NOT NULL PRIMARY KEY,
    state            VARCHAR(16)    NOT NULL,
    source           VARCHAR(1024)  NOT NULL,
    destination      VARCHAR(1024)  NOT NULL,
    tags             VARCHAR(1024)  NOT NULL,
    config_name      VARCHAR(256)   NOT NULL,
    request          VARCHAR(70000) NOT NULL,
    created_at       BIGINT         NOT NULL,
    started_at       BIGINT,
    finished_at      BIGINT,
    error            VARCHAR(4000),
    cancel_requested BOOLEAN        NOT NULL DEFAULT FALSE,
    owner            VARCHAR(64),
    attempt          INT            NOT NULL DEFAULT 0,
    lease_until      BIGINT,
    last_renewed     BIGINT,
    orphan_wait_ms   BIGINT         NOT NULL DEFAULT 0,
    bytes            BIGINT         NOT NULL DEFAULT 0,
    blobs            INT            NOT NULL DEFAULT 0,
    tags_done        INT            NOT NULL DEFAULT 0,
    tags_planned     INT            NOT NULL DEFAULT 0
);
CREATE INDEX jobs_state_created ON jobs (state, created_at);
CREATE INDEX jobs_state_finished ON jobs (state, finished_at);

CREATE TABLE job_log (
    job_id VARCHAR(36)   NOT NULL,
    seq    BIGINT        NOT NULL,
    line   VARCHAR(8000) NOT NULL,
    PRIMARY KEY (job_id, seq)
);
