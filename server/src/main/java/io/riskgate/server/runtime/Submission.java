package io.riskgate.server.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.riskgate.core.engine.RiskEngine;
import io.riskgate.core.event.Event;
import io.riskgate.server.auth.Caller;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** One slot of the inbound ring buffer; reused, cleared after use. */
final class Submission {
  static final long NO_TIMER = Long.MIN_VALUE;

  Caller caller;
  List<JsonNode> nodes;
  List<Event> events;
  List<byte[]> entries;
  Function<RiskEngine, ?> query;
  SnapshotRequest snapshot;
  long timerNanos = NO_TIMER;
  long replicatedSequence;
  byte[] replicated;
  CompletableFuture<Object> reply;

  void clear() {
    replicatedSequence = 0;
    replicated = null;
    caller = null;
    nodes = null;
    events = null;
    entries = null;
    query = null;
    snapshot = null;
    timerNanos = NO_TIMER;
    reply = null;
  }
}
