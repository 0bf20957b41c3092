-- OppBot schema version 4 for PostgreSQL: CSV transfers and the webhook outbox (never edit once released).
-- Generated from OppBotDbContext with GenerateCreateScript(); SchemaTests checks that the model still agrees.
-- temporary_files: exports behind a download link and imports waiting for "import confirm", by the SHA-256 of the
-- link's token (the token itself is not stored); content is the file's bytes.
-- webhook_deliveries: one row per domain event and configured endpoint, inserted in the event's transaction; the
-- row's attempts, last status code and last error are the endpoint's delivery log.

CREATE TABLE temporary_files (
    token_hash text NOT NULL,
    purpose text NOT NULL,
    name text NOT NULL,
    content_type text NOT NULL,
    content bytea NOT NULL,
    owner_id uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_temporary_files PRIMARY KEY (token_hash)
);

CREATE TABLE webhook_deliveries (
    id uuid NOT NULL,
    endpoint text NOT NULL,
    event_id uuid NOT NULL,
    event_type text NOT NULL,
    team_id text NOT NULL,
    payload text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    next_attempt_at timestamp with time zone NOT NULL,
    attempts integer NOT NULL,
    last_attempt_at timestamp with time zone,
    last_status_code integer,
    last_error text,
    delivered_at timestamp with time zone,
    failed_at timestamp with time zone,
    lease_owner text,
    lease_until timestamp with time zone,
    CONSTRAINT pk_webhook_deliveries PRIMARY KEY (id)
);

CREATE INDEX ix_temporary_files_expires_at ON temporary_files (expires_at);

CREATE INDEX ix_webhook_deliveries_endpoint_created_at ON webhook_deliveries (endpoint, created_at);

CREATE INDEX ix_webhook_deliveries_pending ON webhook_deliveries (next_attempt_at) WHERE delivered_at IS NULL AND failed_at IS NULL;

CREATE UNIQUE INDEX ux_webhook_deliveries_endpoint_event_id ON webhook_deliveries (endpoint, event_id);
