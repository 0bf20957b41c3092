-- API keys of the REST API (/api/v1): one row per key, found by its public lookup part; the key itself is kept only
-- as SHA-256 over a per-key salt and the key. user_id is the person the key acts as (a row of users).

CREATE TABLE "api_keys" (
    "id" TEXT NOT NULL CONSTRAINT "pk_api_keys" PRIMARY KEY,
    "name" TEXT NOT NULL,
    "lookup" TEXT NOT NULL,
    "salt" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "team_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "created_at" TEXT NOT NULL,
    "created_by_id" TEXT NOT NULL,
    "revoked_at" TEXT NULL,
    "revoked_by_id" TEXT NULL,
    "version" INTEGER NOT NULL
);

CREATE UNIQUE INDEX "ux_api_keys_lookup" ON "api_keys" ("lookup");
