package io.riskgate.server.audit;

import io.riskgate.core.engine.EngineConfig;
import io.riskgate.core.engine.RiskEngine;
import io.riskgate.core.event.Event;
import io.riskgate.server.codec.EventCodec;
import io.riskgate.server.codec.OutputWriter;
import io.riskgate.server.journal.JournalReader;
import io.riskgate.server.runtime.DurableRecord;
import io.riskgate.server.runtime.JournalEntry;
import io.riskgate.server.runtime.LedgerSample;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The durable records of a journal, rebuilt by replaying it through an engine of its own: the
 * configuration's reference data first, then every record in order, each with the outputs it
 * produces. The engine is deterministic, so these are the records, outputs included, that the live
 * server handed to the audit trail; the trail is rebuilt from them ({@code riskgate audit rebuild})
 * or completed after a stop that left it behind the journal. The ledgers' history samples are taken
 * by the same rule as on the engine thread ({@link LedgerSample}), so they are the same too.
 */
public final class AuditReplay {
  private AuditReplay() {}

  /**
   * Replays {@code reader} (from the journal's first record) and hands {@code sink} the records
   * after {@code fromSequence}, in chunks of at most {@code chunk}; answers the last sequence read.
   *
   * @throws IllegalStateException when a record cannot be replayed (names its sequence)
   */
  public static long replay(
      EngineConfig config,
      List<Event> referenceData,
      JournalReader reader,
      long fromSequence,
      int chunk,
      Consumer<List<DurableRecord>> sink)
      throws IOException {
    return replay(config, referenceData, reader, fromSequence, Long.MAX_VALUE, chunk, sink);
  }

  /**
   * Replays {@code reader} as above and hands {@code sink} the records after {@code fromSequence}
   * up to {@code toSequence} (inclusive), stopping there; answers the last sequence read.
   */
  public static long replay(
      EngineConfig config,
      List<Event> referenceData,
      JournalReader reader,
      long fromSequence,
      long toSequence,
      int chunk,
      Consumer<List<DurableRecord>> sink)
      throws IOException {
    final StringBuilder text = new StringBuilder(4096);
    final RiskEngine engine = new RiskEngine(config, new OutputWriter(new TextWriter(text)));
    final List<String> accounts = new ArrayList<>();
    final List<String> strategies = new ArrayList<>();
    for (Event event : referenceData) {
      engine.apply(event);
      track(event, accounts, strategies);
    }
    text.setLength(0);
    final List<DurableRecord> records = new ArrayList<>(chunk);
    long last = 0;
    while (reader.next()) {
      final long sequence = reader.sequence();
      if (sequence > toSequence) {
        break;
      }
      final JournalEntry entry;
      final long timeBefore = engine.timeNanos();
      try {
        entry = JournalEntry.decode(reader.payload());
        final Event event = EventCodec.parse(entry.event());
        engine.apply(event);
        track(event, accounts, strategies);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(
            "journal record " + sequence + " cannot be replayed: " + e.getMessage(), e);
      }
      last = sequence;
      if (sequence > fromSequence) {
        final long timeAfter = engine.timeNanos();
        records.add(
            new DurableRecord(
                sequence,
                entry.by(),
                entry.event(),
                timeAfter,
                lines(text),
                LedgerSample.samples(timeBefore, timeAfter)
                    ? LedgerSample.of(engine, accounts, strategies)
                    : List.of()));
        if (records.size() >= chunk) {
          sink.accept(List.copyOf(records));
          records.clear();
        }
      }
      text.setLength(0);
    }
    if (!records.isEmpty()) {
      sink.accept(List.copyOf(records));
    }
    return last;
  }

  /** The names of accounts and strategies in definition order, as the engine thread keeps them. */
  private static void track(Event event, List<String> accounts, List<String> strategies) {
    if (event instanceof Event.Account account) {
      accounts.add(account.account());
    } else if (event instanceof Event.Strategy strategy) {
      strategies.add(strategy.strategy());
    }
  }

  private static List<String> lines(StringBuilder text) {
    final List<String> out = new ArrayList<>();
    int start = 0;
    for (int end = text.indexOf("\n"); end >= 0; end = text.indexOf("\n", start)) {
      if (end > start) {
        out.add(text.substring(start, end));
      }
      start = end + 1;
    }
    return out;
  }

  /** A writer into a string builder. */
  private static final class TextWriter extends Writer {
    private final StringBuilder text;

    TextWriter(StringBuilder text) {
      this.text = text;
    }

    @Override
    public void write(char[] chars, int offset, int length) {
      text.append(chars, offset, length);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
