package io.riskgate.server.runtime;

import io.riskgate.core.event.Event;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An answer waiting for its journal record to be durable, with the events applied for it (handed to
 * the read replica once durable).
 */
record Pending(
    long sequence,
    Object answer,
    List<String> outputs,
    CompletableFuture<Object> reply,
    List<Event> applied,
    List<DurableRecord> records) {}
