package io.riskgate.server.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.riskgate.core.engine.EngineConfig;
import io.riskgate.core.engine.EventRefusedException;
import io.riskgate.core.engine.OutputSink;
import io.riskgate.core.engine.RiskEngine;
import io.riskgate.core.event.Event;
import io.riskgate.server.auth.Caller;
import io.riskgate.server.codec.OutputWriter;
import io.riskgate.server.journal.EventLog;
import io.riskgate.server.journal.JournalUnavailableException;
import io.riskgate.server.metrics.ServerMetrics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * The work done on the engine thread for each submission, kept apart from the thread and queue that
 * drive it ({@link EngineRuntime}), the way an agent is kept apart from its runner.
 *
 * <p>Each event is applied first and journaled only if the engine accepted it: a refused event
 * changed nothing, is answered 4xx and never reaches the journal, so the journal holds exactly the
 * accepted history and a replay of it gives the same state. An accepted event is appended with the
 * caller's name; its answer is released by the publisher only once the journal says the record is
 * durable. If the journal fails, the engine holds an event the journal may not: the agent then
 * refuses everything from that point on (fail closed) and the server must be restarted, which
 * recovers the durable history.
 *
 * <p>A trader's fills and cancels are authorized by the strategy of the order the engine holds open
 * under the id now ({@link RiskEngine#openOrderStrategy}), so ownership follows the engine: an id
 * the engine forgot at a trading-day roll and another strategy used again belongs to that other
 * strategy. Besides the engine, the agent keeps the names of accounts and strategies in definition
 * order (for reports) and today's answers to orders, fills, cancels and size requests ({@link
 * RememberedAnswers}), so that the same request sent again alone is answered as the first time
 * without being applied or journaled again. Both are rebuilt by replay and kept in snapshots.
 */
final class EngineAgent {
  private final EventLog journal;
  private final ServerMetrics metrics;
  private final LineBuffer outputText = new LineBuffer();
  private final CapturingSink sink;
  private final RiskEngine engine;
  private final CallerScreen screen;
  private final List<String> accounts = new ArrayList<>();
  private final List<String> strategies = new ArrayList<>();
  private final RememberedAnswers answers =
      new RememberedAnswers(RememberedAnswers.DEFAULT_CAPACITY);
  private long lastSequence;
  private volatile boolean failed;

  EngineAgent(
      io.riskgate.core.engine.EngineConfig config, EventLog journal, ServerMetrics metrics) {
    this(journal, metrics, sink -> new RiskEngine(config, sink));
  }

  private EngineAgent(
      EventLog journal, ServerMetrics metrics, Function<OutputSink, RiskEngine> engineOf) {
    this.journal = journal;
    this.metrics = metrics;
    this.sink = new CapturingSink(new OutputWriter(outputText), metrics);
    this.engine = engineOf.apply(sink);
    this.screen = new CallerScreen(engine);
  }

  /**
   * An agent in the state of a snapshot that covers the journal up to {@code sequence}, read under
   * the engine settings {@code config}.
   *
   * @throws IllegalArgumentException when the engine cannot read the snapshot's state
   */
  static EngineAgent restore(
      ServerSnapshot snapshot,
      EngineConfig config,
      long sequence,
      EventLog journal,
      ServerMetrics metrics) {
    final EngineAgent agent =
        new EngineAgent(
            journal, metrics, sink -> RiskEngine.readSnapshot(snapshot.engine(), config, sink));
    agent.accounts.addAll(snapshot.accounts());
    agent.strategies.addAll(snapshot.strategies());
    agent.answers.restore(agent.engine, snapshot.answers());
    agent.lastSequence = sequence;
    return agent;
  }

  /**
   * The whole state between two events, covering the journal up to {@link #lastSequence()}, stamped
   * with the configuration lines it was built from.
   */
  ServerSnapshot snapshot(List<String> configuration) {
    return new ServerSnapshot(
        configuration, accounts, strategies, answers.entries(), engine.writeSnapshot());
  }

  RiskEngine engine() {
    return engine;
  }

  boolean failed() {
    return failed;
  }

  /** Refuses everything from now on (fail closed), as after a journal failure. */
  void fail() {
    failed = true;
  }

  long lastSequence() {
    return lastSequence;
  }

  List<String> accountNames() {
    return Collections.unmodifiableList(accounts);
  }

  List<String> strategyNames() {
    return Collections.unmodifiableList(strategies);
  }

  /** How many answers are remembered for requests sent again. */
  int rememberedAnswers() {
    return answers.size();
  }

  /** Applies reference data, without journaling; the outputs are dropped. */
  void applyRecovered(Event event) {
    applyRecovered(event, 0, null, null);
  }

  /**
   * Applies an event replayed from the journal record {@code sequence}, without journaling. Its
   * outputs are not published (they were when it was first applied) and rejections are not counted
   * again; those of an order, fill, cancel or size request are remembered as its answer, exactly as
   * when it was applied live.
   *
   * @param by the caller's name from the journal, or null for reference data
   * @param entry the journal record's payload
   */
  void applyRecovered(Event event, long sequence, String by, byte[] entry) {
    final boolean remember = by != null && RememberedAnswers.remembers(event);
    sink.counting = false;
    sink.writing = remember;
    outputText.text.setLength(0);
    sink.startEvent();
    try {
      engine.apply(event);
      track(event);
      if (sequence > 0) {
        lastSequence = sequence;
      }
      answers.followDay(engine);
      if (remember) {
        final List<String> outputs = new ArrayList<>();
        splitLines(outputText.text, outputs);
        answers.remember(
            engine,
            new RememberedAnswers.Answer(by, event, entry, sequence, outputs, sink.verdict()));
      }
    } finally {
      sink.counting = true;
      sink.writing = true;
      outputText.text.setLength(0);
    }
  }

  /**
   * Applies an event of the journal record {@code sequence} that another node (the leader)
   * journaled, without journaling it again: how a standby follows the log. Unlike a replay at
   * start-up, this is the event's first application on this node, so its outputs are kept (for the
   * stream and the audit trail, as on the leader) and rejections counted; the answer of an order,
   * fill, cancel or size request is remembered as when it was applied live.
   *
   * @param node the event as journaled
   * @param by the caller's name from the journal
   * @param entry the journal record's payload
   * @return the durable record, with the event's outputs and ledger samples as the leader had them
   */
  DurableRecord applyFollowed(Event event, JsonNode node, long sequence, String by, byte[] entry) {
    outputText.text.setLength(0);
    final long timeBefore = engine.timeNanos();
    try {
      engine.apply(event);
      track(event);
      lastSequence = sequence;
      final List<String> outputs = new ArrayList<>();
      splitLines(outputText.text, outputs);
      final long timeAfter = engine.timeNanos();
      final List<LedgerSample> ledgers =
          LedgerSample.samples(timeBefore, timeAfter)
              ? LedgerSample.of(engine, accounts, strategies)
              : List.of();
      answers.followDay(engine);
      if (RememberedAnswers.remembers(event)) {
        answers.remember(engine, new RememberedAnswers.Answer(by, event, entry, sequence, outputs));
      }
      return new DurableRecord(sequence, by, node, timeAfter, outputs, ledgers);
    } finally {
      outputText.text.setLength(0);
    }
  }

  /**
   * Applies the events in order, journaling each one the engine accepts, and stops at the first
   * refused one. A submission of one order, fill, cancel or size request that repeats a request
   * answered today is answered as it was then, and neither applied nor journaled; one that reuses
   * the id of a fill or size request with other content is refused as a conflict (orders and
   * cancels go on to the engine, which rejects a used order id as {@code DUPLICATE_ORDER} and a
   * closed order's cancel as not open).
   */
  EngineReply submit(Caller caller, List<JsonNode> nodes, List<Event> events) {
    return submit(caller, nodes, events, null);
  }

  /**
   * As {@link #submit(Caller, List, List)}, journaling for each event the payload in {@code
   * entries} when there is one (encoded off the engine thread, equal in meaning to the entry of the
   * caller's name and the event's node) and encoding the node otherwise.
   *
   * <p>Longer than most: each event goes through screen, apply, journal and outputs in this one
   * loop, so that the order of those steps, and where each refusal stops the loop, reads in one
   * place.
   */
  EngineReply submit(
      Caller caller, List<JsonNode> nodes, List<Event> events, List<byte[]> entries) {
    final RememberedAnswers.Answer earlier =
        events.size() == 1 && !failed ? answers.earlier(events.get(0)) : null;
    if (earlier != null && RememberedAnswers.sameRequest(earlier, caller.name(), events.get(0))) {
      metrics.answerReplayed();
      return EngineReply.again(earlier.sequence(), earlier.outputs(), earlier.verdict());
    }
    final List<String> outputs = new ArrayList<>();
    final List<Span> spans = new ArrayList<>(events.size());
    Verdict verdict = null;
    int applied = 0;
    for (int i = 0; i < events.size(); i++) {
      if (failed) {
        return reply(
            applied,
            outputs,
            new Refusal(
                Refusal.Kind.UNAVAILABLE,
                i,
                "the journal failed; no event is accepted until the server restarts"),
            caller,
            spans,
            verdict);
      }
      final Event event = events.get(i);
      final Refusal before = screen.screen(caller, event, i);
      if (before != null) {
        metrics.eventRefused();
        return reply(applied, outputs, before, caller, spans, verdict);
      }
      if (earlier != null && (event instanceof Event.Fill || event instanceof Event.SizeRequest)) {
        metrics.eventRefused();
        return new EngineReply(0, 0, outputs, reusedId(event, earlier));
      }
      outputText.text.setLength(0);
      sink.startEvent();
      final long timeBefore = engine.timeNanos();
      try {
        engine.apply(event);
      } catch (IllegalArgumentException e) {
        metrics.eventRefused();
        outputText.text.setLength(0);
        return reply(applied, outputs, refusal(event, e, i), caller, spans, verdict);
      }
      track(event);
      final byte[] entry;
      try {
        final byte[] given = entries == null ? null : entries.get(i);
        entry = given != null ? given : new JournalEntry(caller.name(), nodes.get(i)).encode();
        lastSequence = journal.append(entry);
      } catch (JournalUnavailableException | IllegalArgumentException e) {
        failed = true;
        return reply(
            applied,
            outputs,
            new Refusal(
                Refusal.Kind.UNAVAILABLE,
                i,
                "the journal could not take the event (" + e.getMessage() + "); failing closed"),
            caller,
            spans,
            verdict);
      }
      applied++;
      metrics.eventApplied();
      final int first = outputs.size();
      splitLines(outputText.text, outputs);
      final Verdict own = sink.verdict();
      if (verdict == null && own != null) {
        verdict = own.shifted(first);
      }
      final long timeAfter = engine.timeNanos();
      spans.add(
          new Span(
              lastSequence,
              nodes.get(i),
              timeAfter,
              first,
              outputs.size(),
              LedgerSample.samples(timeBefore, timeAfter)
                  ? LedgerSample.of(engine, accounts, strategies)
                  : List.of()));
      answers.followDay(engine);
      if (RememberedAnswers.remembers(event)) {
        answers.remember(
            engine,
            new RememberedAnswers.Answer(
                caller.name(),
                event,
                entry,
                lastSequence,
                outputs.subList(first, outputs.size()),
                own));
      }
    }
    return reply(applied, outputs, null, caller, spans, verdict);
  }

  /** One applied event of a submission: its record and the range of its outputs. */
  private record Span(
      long sequence,
      JsonNode event,
      long timeNanos,
      int from,
      int to,
      List<LedgerSample> ledgers) {}

  /** The reply to a submission, with a durable record of each applied event for the audit. */
  private EngineReply reply(
      int applied,
      List<String> outputs,
      Refusal refusal,
      Caller caller,
      List<Span> spans,
      Verdict verdict) {
    final List<String> all = List.copyOf(outputs);
    final List<DurableRecord> records = new ArrayList<>(spans.size());
    for (Span span : spans) {
      records.add(
          new DurableRecord(
              span.sequence(),
              caller.name(),
              span.event(),
              span.timeNanos(),
              all.subList(span.from(), span.to()),
              span.ledgers()));
    }
    return new EngineReply(
        applied, appliedSequence(applied), all, refusal, false, records, verdict);
  }

  /** A fill or size request id used today by another request: 409. */
  private static Refusal reusedId(Event event, RememberedAnswers.Answer earlier) {
    final String what =
        event instanceof Event.Fill fill
            ? "field \"fillId\": fill \"" + fill.fillId() + "\" was reported"
            : "field \"requestId\": size request \""
                + ((Event.SizeRequest) event).requestId()
                + "\" was answered";
    return new Refusal(
        Refusal.Kind.CONFLICT,
        0,
        event.type()
            + ": "
            + what
            + " today with other content (journal sequence "
            + earlier.sequence()
            + "); a retry must repeat the request exactly, ts included, and a new request needs"
            + " a new id");
  }

  private long appliedSequence(int applied) {
    return applied == 0 ? 0 : lastSequence;
  }

  private static Refusal refusal(Event event, IllegalArgumentException e, int index) {
    final Refusal.Kind kind;
    if (e instanceof EventRefusedException refused) {
      kind =
          switch (refused.kind()) {
            case INVALID -> Refusal.Kind.INVALID;
            case CONFLICT -> Refusal.Kind.CONFLICT;
            case NOT_FOUND -> Refusal.Kind.NOT_FOUND;
          };
    } else {
      kind = Refusal.Kind.INVALID;
    }
    return new Refusal(kind, index, event.type() + ": " + e.getMessage());
  }

  private void track(Event event) {
    if (event instanceof Event.Account account) {
      accounts.add(account.account());
    } else if (event instanceof Event.Strategy strategy) {
      strategies.add(strategy.strategy());
    }
  }

  private static void splitLines(StringBuilder text, List<String> into) {
    int start = 0;
    for (int end = text.indexOf("\n"); end >= 0; end = text.indexOf("\n", start)) {
      if (end > start) {
        into.add(text.substring(start, end));
      }
      start = end + 1;
    }
  }
}
