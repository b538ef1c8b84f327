package io.riskgate.server.runtime;

import java.util.List;

/**
 * What the runtime answers to a submission of events, once the applied ones are durable.
 *
 * @param applied how many events of the submission were applied and journaled, in order
 * @param lastSequence journal sequence of the last applied event, or 0 when none was applied
 * @param outputs the outputs the applied events produced, as JSON objects in the event language
 *     (decision, size, alert, state, action), in order
 * @param refusal why the event at {@code refusal.index()} was not applied, or null when all were
 */
public record EngineReply(int applied, long lastSequence, List<String> outputs, Refusal refusal) {
  public EngineReply {
    outputs = List.copyOf(outputs);
  }
}
