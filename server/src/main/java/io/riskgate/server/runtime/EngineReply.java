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
 * @param replayed whether this is the remembered answer to the same request sent before (see {@link
 *     RememberedAnswers}): nothing was applied or journaled now, and {@code applied}, {@code
 *     lastSequence} and {@code outputs} are those of the original answer
 * @param records each event applied now, with its journal sequence and its own outputs (for the
 *     audit trail); empty for a remembered answer
 * @param verdict the decision or size answer of the first applied event that gave one, typed, or
 *     null when none did
 */
public record EngineReply(
    int applied,
    long lastSequence,
    List<String> outputs,
    Refusal refusal,
    boolean replayed,
    List<DurableRecord> records,
    Verdict verdict) {
  public EngineReply {
    outputs = List.copyOf(outputs);
    records = List.copyOf(records);
    if (verdict != null && verdict.output() >= outputs.size()) {
      throw new IllegalArgumentException(
          "verdict names output " + verdict.output() + " of " + outputs.size());
    }
  }

  /** A reply without records of the events applied. */
  public EngineReply(
      int applied, long lastSequence, List<String> outputs, Refusal refusal, boolean replayed) {
    this(applied, lastSequence, outputs, refusal, replayed, List.of(), null);
  }

  /** A reply to events applied now (or refused). */
  public EngineReply(int applied, long lastSequence, List<String> outputs, Refusal refusal) {
    this(applied, lastSequence, outputs, refusal, false);
  }

  /** The original answer to a request sent again: one event, applied at {@code sequence}. */
  static EngineReply again(long sequence, List<String> outputs, Verdict verdict) {
    return new EngineReply(1, sequence, outputs, null, true, List.of(), verdict);
  }
}
