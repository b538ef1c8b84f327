-- The decision audit trail: every decision with its checks, alert, state change and limit change,
-- keyed by the journal sequence of the event that produced it and the output's position among
-- that event's outputs. Booleans are 0/1 (the same in SQLite).
CREATE TABLE audit_decision (
  sequence INTEGER NOT NULL,
  output_index INTEGER NOT NULL,
  ts_nanos INTEGER NOT NULL,
  ts TEXT NOT NULL,
  order_id TEXT NOT NULL,
  account TEXT,
  strategy TEXT,
  symbol TEXT,
  side TEXT,
  quantity TEXT,
  price TEXT,
  caller TEXT NOT NULL,
  approved SMALLINT NOT NULL,
  risk_reducing SMALLINT NOT NULL,
  rejected_by TEXT,
  PRIMARY KEY (sequence, output_index)
);
CREATE INDEX audit_decision_order ON audit_decision (order_id, sequence);
CREATE INDEX audit_decision_strategy ON audit_decision (strategy, sequence);
CREATE INDEX audit_decision_account ON audit_decision (account, sequence);
CREATE INDEX audit_decision_time ON audit_decision (ts_nanos);

CREATE TABLE audit_check (
  sequence INTEGER NOT NULL,
  output_index INTEGER NOT NULL,
  check_index INTEGER NOT NULL,
  code TEXT NOT NULL,
  passed SMALLINT NOT NULL,
  check_value REAL,
  limit_value REAL,
  scope TEXT,
  reason TEXT,
  PRIMARY KEY (sequence, output_index, check_index)
);
CREATE INDEX audit_check_code ON audit_check (code, passed, sequence);

CREATE TABLE audit_alert (
  sequence INTEGER NOT NULL,
  output_index INTEGER NOT NULL,
  ts_nanos INTEGER NOT NULL,
  ts TEXT NOT NULL,
  level TEXT NOT NULL,
  code TEXT NOT NULL,
  scope TEXT NOT NULL,
  raised SMALLINT NOT NULL,
  message TEXT,
  alert_value REAL,
  threshold REAL,
  action TEXT,
  PRIMARY KEY (sequence, output_index)
);
CREATE INDEX audit_alert_time ON audit_alert (ts_nanos);

CREATE TABLE audit_state_change (
  sequence INTEGER NOT NULL,
  output_index INTEGER NOT NULL,
  ts_nanos INTEGER NOT NULL,
  ts TEXT NOT NULL,
  scope TEXT NOT NULL,
  kind TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  reason TEXT,
  PRIMARY KEY (sequence, output_index)
);
CREATE INDEX audit_state_change_time ON audit_state_change (ts_nanos);

CREATE TABLE audit_limit_change (
  sequence INTEGER NOT NULL PRIMARY KEY,
  ts_nanos INTEGER NOT NULL,
  ts TEXT,
  scope TEXT NOT NULL,
  limits TEXT NOT NULL,
  by_name TEXT,
  caller TEXT NOT NULL
);

-- The last journal sequence whose rows are all written: the trail is a prefix of the journal.
CREATE TABLE audit_progress (
  id INTEGER NOT NULL PRIMARY KEY,
  last_sequence INTEGER NOT NULL
);
INSERT INTO audit_progress (id, last_sequence) VALUES (1, 0);
