-- A reply sent as several channel messages (Teams: the text, then each card) records how many are out, so that an
-- attempt cut short (failure, crash, another instance taking the row over) resumes after them instead of repeating them.
-- The default lets instances of the previous version, which do not know the column, queue rows during a rolling upgrade.

ALTER TABLE outbox ADD COLUMN parts_done INTEGER NOT NULL DEFAULT 0;
