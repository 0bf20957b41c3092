-- The playground's Direct Line endpoint (bot/Playground): conversation transcripts, and the secret its tokens are
-- signed with when Playground:TokenKey is not configured (shared by every instance on this database).

CREATE TABLE directline_activities (
    conversation_id text NOT NULL,
    sequence bigint NOT NULL,
    activity_id text NOT NULL,
    activity text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_directline_activities PRIMARY KEY (conversation_id, sequence)
);

CREATE UNIQUE INDEX ux_directline_activities_conversation_id_activity_id ON directline_activities (conversation_id, activity_id);

CREATE TABLE directline_secrets (
    name text NOT NULL,
    value text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_directline_secrets PRIMARY KEY (name)
);
