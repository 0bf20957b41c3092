-- OppBot schema version 1 for SQLite (applied by SchemaMigrator; never edit once released — add 003_*.sql).
-- Generated from OppBotDbContext with GenerateCreateScript(); SchemaTests checks that the model still agrees.
-- Representation: timestamps are ISO-8601 UTC text with 7 fractional digits (sortable, see UtcTextConverter);
-- decimals are INTEGER ten-thousandths (see ScaledDecimalConverter); GUIDs are upper-case text;
-- enums are their names; collaborators is a JSON array of GUIDs; reply, form_values and data are JSON.

CREATE TABLE "approvals" (
    "id" TEXT NOT NULL CONSTRAINT "pk_approvals" PRIMARY KEY,
    "opportunity_id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "requested_by_id" TEXT NOT NULL,
    "approver_id" TEXT NOT NULL,
    "from_stage" TEXT NOT NULL,
    "to_stage" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "requested_at" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "decided_by_id" TEXT NULL,
    "decided_at" TEXT NULL,
    "comment" TEXT NULL,
    "card_message_id" TEXT NULL,
    "version" INTEGER NOT NULL
);

CREATE TABLE "audit_entries" (
    "id" TEXT NOT NULL CONSTRAINT "pk_audit_entries" PRIMARY KEY,
    "opportunity_id" TEXT NOT NULL,
    "actor_id" TEXT NULL,
    "at" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "old_value" TEXT NULL,
    "new_value" TEXT NULL
);

CREATE TABLE "counters" (
    "name" TEXT NOT NULL CONSTRAINT "pk_counters" PRIMARY KEY,
    "value" INTEGER NOT NULL
);

CREATE TABLE "dialogs" (
    "key" TEXT NOT NULL CONSTRAINT "pk_dialogs" PRIMARY KEY,
    "user_id" TEXT NOT NULL,
    "form" TEXT NOT NULL,
    "form_values" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "expires_at" TEXT NOT NULL,
    "version" INTEGER NOT NULL
);

CREATE TABLE "domain_events" (
    "sequence" INTEGER NOT NULL CONSTRAINT "pk_domain_events" PRIMARY KEY AUTOINCREMENT,
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "opportunity_id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "team_id" TEXT NOT NULL,
    "actor_id" TEXT NULL,
    "at" TEXT NOT NULL,
    "data" TEXT NOT NULL
);

CREATE TABLE "opportunities" (
    "id" TEXT NOT NULL CONSTRAINT "pk_opportunities" PRIMARY KEY,
    "number" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "account" TEXT NOT NULL,
    "normalized_account" TEXT NOT NULL,
    "contact_name" TEXT NULL,
    "contact_email" TEXT NULL,
    "email_domain" TEXT NULL,
    "contact_phone" TEXT NULL,
    "normalized_phone" TEXT NULL,
    "decision_maker" TEXT NULL,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "quoted_amount" INTEGER NULL,
    "discount_percent" INTEGER NULL,
    "source" TEXT NOT NULL,
    "stage_code" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "owner_id" TEXT NULL,
    "team_id" TEXT NOT NULL,
    "collaborators" TEXT NOT NULL,
    "next_step" TEXT NULL,
    "next_step_due" TEXT NULL,
    "loss_reason" TEXT NULL,
    "loss_note" TEXT NULL,
    "created_at" TEXT NOT NULL,
    "created_by_id" TEXT NULL,
    "updated_at" TEXT NOT NULL,
    "stage_entered_at" TEXT NOT NULL,
    "last_activity_at" TEXT NOT NULL,
    "last_follow_up_at" TEXT NOT NULL,
    "pooled_at" TEXT NULL,
    "snoozed_until" TEXT NULL,
    "paused_until" TEXT NULL,
    "pause_reason" TEXT NULL,
    "last_nudged_at" TEXT NULL,
    "escalated_at" TEXT NULL,
    "flagged_for_review" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "bant_authority" INTEGER NOT NULL,
    "bant_budget" INTEGER NOT NULL,
    "score_company_size" INTEGER NOT NULL,
    "score_decision_maker_access" INTEGER NOT NULL,
    "bant_need" INTEGER NOT NULL,
    "score_product_fit" INTEGER NOT NULL,
    "bant_timeline" INTEGER NOT NULL,
    "score_urgency" INTEGER NOT NULL
);

CREATE TABLE "outbox" (
    "id" TEXT NOT NULL CONSTRAINT "pk_outbox" PRIMARY KEY,
    "reply" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "next_attempt_at" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "sent_at" TEXT NULL,
    "failed_at" TEXT NULL,
    "failure_reason" TEXT NULL,
    "external_id" TEXT NULL,
    "replaces" TEXT NULL,
    "lease_owner" TEXT NULL,
    "lease_until" TEXT NULL,
    "address_channel" TEXT NOT NULL,
    "address_key" TEXT NOT NULL
);

CREATE TABLE "processed_messages" (
    "dedupe_key" TEXT NOT NULL CONSTRAINT "pk_processed_messages" PRIMARY KEY,
    "processed_at" TEXT NOT NULL
);

CREATE TABLE "teams" (
    "id" TEXT NOT NULL CONSTRAINT "pk_teams" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "manager_id" TEXT NULL,
    "time_zone_id" TEXT NOT NULL,
    "monthly_target" INTEGER NULL,
    "broadcast_channel" TEXT NULL,
    "broadcast_key" TEXT NULL
);

CREATE TABLE "users" (
    "id" TEXT NOT NULL CONSTRAINT "pk_users" PRIMARY KEY,
    "display_name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "team_id" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "locale_chosen" INTEGER NOT NULL,
    "time_zone_id" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "working_days" TEXT NOT NULL,
    "working_hours_end" TEXT NOT NULL,
    "working_hours_start" TEXT NOT NULL
);

CREATE TABLE "opportunity_follow_ups" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_opportunity_follow_ups" PRIMARY KEY AUTOINCREMENT,
    "at" TEXT NOT NULL,
    "by_id" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "opportunity_id" TEXT NOT NULL,
    CONSTRAINT "fk_opportunity_follow_ups_opportunities" FOREIGN KEY ("opportunity_id") REFERENCES "opportunities" ("id") ON DELETE CASCADE
);

CREATE TABLE "opportunity_stage_history" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_opportunity_stage_history" PRIMARY KEY AUTOINCREMENT,
    "from_stage" TEXT NULL,
    "to_stage" TEXT NOT NULL,
    "at" TEXT NOT NULL,
    "by_id" TEXT NULL,
    "reason" TEXT NULL,
    "opportunity_id" TEXT NOT NULL,
    CONSTRAINT "fk_opportunity_stage_history_opportunities" FOREIGN KEY ("opportunity_id") REFERENCES "opportunities" ("id") ON DELETE CASCADE
);

CREATE TABLE "user_addresses" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_user_addresses" PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    CONSTRAINT "fk_user_addresses_users" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "user_identities" (
    "id" INTEGER NOT NULL CONSTRAINT "pk_user_identities" PRIMARY KEY AUTOINCREMENT,
    "channel" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    CONSTRAINT "fk_user_identities_users" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE INDEX "ix_approvals_approver_id_status" ON "approvals" ("approver_id", "status");

CREATE INDEX "ix_approvals_opportunity_id_status" ON "approvals" ("opportunity_id", "status");

CREATE INDEX "ix_audit_entries_opportunity_id_at" ON "audit_entries" ("opportunity_id", "at");

CREATE INDEX "ix_dialogs_expires_at" ON "dialogs" ("expires_at");

CREATE INDEX "ix_domain_events_at" ON "domain_events" ("at");

CREATE INDEX "ix_domain_events_opportunity_id" ON "domain_events" ("opportunity_id");

CREATE INDEX "ix_domain_events_team_id_at" ON "domain_events" ("team_id", "at");

CREATE UNIQUE INDEX "ux_domain_events_id" ON "domain_events" ("id");

CREATE INDEX "ix_opportunities_email_domain" ON "opportunities" ("email_domain");

CREATE INDEX "ix_opportunities_next_step_due" ON "opportunities" ("next_step_due");

CREATE INDEX "ix_opportunities_normalized_account" ON "opportunities" ("normalized_account");

CREATE INDEX "ix_opportunities_normalized_phone" ON "opportunities" ("normalized_phone");

CREATE INDEX "ix_opportunities_owner_id_status" ON "opportunities" ("owner_id", "status");

CREATE INDEX "ix_opportunities_team_id_status" ON "opportunities" ("team_id", "status");

CREATE INDEX "ix_opportunities_updated_at" ON "opportunities" ("updated_at");

CREATE UNIQUE INDEX "ux_opportunities_number" ON "opportunities" ("number");

CREATE INDEX "ix_opportunity_follow_ups_opportunity_id" ON "opportunity_follow_ups" ("opportunity_id");

CREATE INDEX "ix_opportunity_stage_history_at" ON "opportunity_stage_history" ("at");

CREATE INDEX "ix_opportunity_stage_history_opportunity_id" ON "opportunity_stage_history" ("opportunity_id");

CREATE INDEX "ix_outbox_failed_at" ON "outbox" ("failed_at");

CREATE INDEX "ix_outbox_pending" ON "outbox" ("next_attempt_at") WHERE sent_at IS NULL AND failed_at IS NULL;

CREATE INDEX "ix_processed_messages_processed_at" ON "processed_messages" ("processed_at");

CREATE INDEX "ix_user_addresses_user_id" ON "user_addresses" ("user_id");

CREATE INDEX "ix_user_identities_user_id" ON "user_identities" ("user_id");

CREATE UNIQUE INDEX "ux_user_identities_channel_external_id" ON "user_identities" ("channel", "external_id");

CREATE INDEX "ix_users_team_id" ON "users" ("team_id");
