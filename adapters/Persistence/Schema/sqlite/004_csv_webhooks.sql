-- OppBot schema version 4 for SQLite: CSV transfers and the webhook outbox (never edit once released).
-- Generated from OppBotDbContext with GenerateCreateScript(); SchemaTests checks that the model still agrees.
-- temporary_files: exports behind a download link and imports waiting for "import confirm", by the SHA-256 of the
-- link's token (the token itself is not stored); content is the file's bytes.
-- webhook_deliveries: one row per domain event and configured endpoint, inserted in the event's transaction; the
-- row's attempts, last status code and last error are the endpoint's delivery log.

CREATE TABLE "temporary_files" (
    "token_hash" TEXT NOT NULL CONSTRAINT "pk_temporary_files" PRIMARY KEY,
    "purpose" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "content" BLOB NOT NULL,
    "owner_id" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "expires_at" TEXT NOT NULL
);

CREATE TABLE "webhook_deliveries" (
    "id" TEXT NOT NULL CONSTRAINT "pk_webhook_deliveries" PRIMARY KEY,
    "endpoint" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    "team_id" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "next_attempt_at" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "last_attempt_at" TEXT NULL,
    "last_status_code" INTEGER NULL,
    "last_error" TEXT NULL,
    "delivered_at" TEXT NULL,
    "failed_at" TEXT NULL,
    "lease_owner" TEXT NULL,
    "lease_until" TEXT NULL
);

CREATE INDEX "ix_temporary_files_expires_at" ON "temporary_files" ("expires_at");

CREATE INDEX "ix_webhook_deliveries_endpoint_created_at" ON "webhook_deliveries" ("endpoint", "created_at");

CREATE INDEX "ix_webhook_deliveries_pending" ON "webhook_deliveries" ("next_attempt_at") WHERE delivered_at IS NULL AND failed_at IS NULL;

CREATE UNIQUE INDEX "ux_webhook_deliveries_endpoint_event_id" ON "webhook_deliveries" ("endpoint", "event_id");
