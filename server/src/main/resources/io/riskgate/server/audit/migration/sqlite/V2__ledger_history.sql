-- The history of every scope's ledger (firm, accounts, strategies): one row per scope each time an
-- event moves the engine's time into a later one-minute bucket, keyed by that event's journal
-- sequence. Money is exact decimal text, the drawdown a fraction of the high-water mark.
CREATE TABLE audit_ledger_sample (
  sequence INTEGER NOT NULL,
  scope TEXT NOT NULL,
  ts_nanos INTEGER NOT NULL,
  ts TEXT NOT NULL,
  equity TEXT NOT NULL,
  high_water_mark TEXT NOT NULL,
  drawdown REAL NOT NULL,
  daily_pnl TEXT NOT NULL,
  gross_exposure TEXT NOT NULL,
  PRIMARY KEY (sequence, scope)
);
CREATE INDEX audit_ledger_sample_scope_time ON audit_ledger_sample (scope, ts_nanos, sequence);

-- A store written before this table existed has no samples: its progress goes back to 0 so that
-- the next start completes it from the journal (rows already there are kept, being the same).
UPDATE audit_progress SET last_sequence = 0 WHERE id = 1;
