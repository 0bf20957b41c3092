-- The playground's Direct Line endpoint (bot/Playground): conversation transcripts, and the secret its tokens are
-- signed with when Playground:TokenKey is not configured (shared by every instance on this database).

CREATE TABLE "directline_activities" (
    "conversation_id" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "activity_id" TEXT NOT NULL,
    "activity" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    CONSTRAINT "pk_directline_activities" PRIMARY KEY ("conversation_id", "sequence")
);

CREATE UNIQUE INDEX "ux_directline_activities_conversation_id_activity_id" ON "directline_activities" ("conversation_id", "activity_id");

CREATE TABLE "directline_secrets" (
    "name" TEXT NOT NULL CONSTRAINT "pk_directline_secrets" PRIMARY KEY,
    "value" TEXT NOT NULL,
    "created_at" TEXT NOT NULL
);
