-- API keys of the REST API (/api/v1): one row per key, found by its public lookup part; the key itself is kept only
-- as SHA-256 over a per-key salt and the key. user_id is the person the key acts as (a row of users).

CREATE TABLE api_keys (
    id uuid NOT NULL,
    name text NOT NULL,
    lookup text NOT NULL,
    salt text NOT NULL,
    hash text NOT NULL,
    role text NOT NULL,
    team_id text NOT NULL,
    user_id uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    created_by_id uuid NOT NULL,
    revoked_at timestamp with time zone,
    revoked_by_id uuid,
    version integer NOT NULL,
    CONSTRAINT pk_api_keys PRIMARY KEY (id)
);

CREATE UNIQUE INDEX ux_api_keys_lookup ON api_keys (lookup);
