package io.riskgate.server.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One accepted event once its journal record is durable, with the outputs it produced: what the
 * audit trail records. Handed to {@link EngineRuntime#onDurable} listeners on the publisher thread
 * in journal order, and rebuilt the same by replaying the journal (same events, same outputs).
 *
 * @param sequence the event's journal sequence
 * @param caller the name of the caller who sent it (journaled with it)
 * @param event the event as journaled
 * @param engineTimeNanos the engine's time after applying it (events without a {@code ts}, such as
 *     a limit change, happened then)
 * @param outputs the outputs it produced, JSON objects in the event language, in order
 * @param ledgers the scopes' figures after it when it moved the engine's time into a later history
 *     bucket (see {@link LedgerSample}), else empty
 */
public record DurableRecord(
    long sequence,
    String caller,
    JsonNode event,
    long engineTimeNanos,
    List<String> outputs,
    List<LedgerSample> ledgers) {
  public DurableRecord {
    outputs = List.copyOf(outputs);
    ledgers = List.copyOf(ledgers);
  }

  /** A record that took no samples. */
  public DurableRecord(
      long sequence, String caller, JsonNode event, long engineTimeNanos, List<String> outputs) {
    this(sequence, caller, event, engineTimeNanos, outputs, List.of());
  }
}
