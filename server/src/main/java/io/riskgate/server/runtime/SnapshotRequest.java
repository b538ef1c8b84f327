package io.riskgate.server.runtime;

/** Why a snapshot is asked for. */
enum SnapshotRequest {
  /** On demand: always taken. */
  DEMAND,
  /** By the timer: only when events were journaled since the last one and none is in flight. */
  TIMER
}
