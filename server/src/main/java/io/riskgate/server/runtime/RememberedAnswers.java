package io.riskgate.server.runtime;

import io.riskgate.core.engine.RiskEngine;
import io.riskgate.core.event.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The answers given today to orders, fills, cancels and size requests, by their id, so that a
 * client that sends the same request again (after a timeout, say) gets the original answer instead
 * of a second application: the order it sent is already live, its fill already counted.
 *
 * <p>A request is the same when the same caller sends an event of the same type and id that is
 * equal, as parsed, to the one answered: every field the engine reads, {@code ts} included (a
 * client's retry repeats its request body). Parsing is the canonicalization: {@code "1"}, {@code
 * 1.0} and {@code 1} are one quantity, the order of fields does not matter.
 *
 * <p>The memory follows the engine's own memory of ids: at the engine's trading-day roll it keeps
 * only the answers to orders still open (the engine forgets the other order ids and every fill id
 * then), so it never holds more than one day's requests, and it holds at most a capacity of answers
 * (the newest, in journal order: a retry comes seconds or minutes after its request, and one day's
 * decisions of a busy strategy would not fit in memory). It is filled from the outputs each event
 * produced when it was applied, live or in a replay of the journal, and written into snapshots, so
 * a server recovered either way answers a retry as it was answered before. Engine thread only;
 * entries are immutable and a {@link #entries} list may be read on another thread.
 */
final class RememberedAnswers {
  /**
   * One answered request.
   *
   * @param caller the name of the caller who sent it
   * @param event the event as parsed
   * @param entry the journal entry's payload, the event's JSON with the caller's name
   * @param sequence its journal sequence
   * @param outputs the outputs it produced, JSON objects in order
   * @param verdict its decision or size answer among the outputs, typed, or null
   */
  record Answer(
      String caller,
      Event event,
      byte[] entry,
      long sequence,
      List<String> outputs,
      Verdict verdict) {
    Answer {
      outputs = List.copyOf(outputs);
      if (verdict != null && verdict.output() >= outputs.size()) {
        throw new IllegalArgumentException(
            "verdict names output " + verdict.output() + " of " + outputs.size());
      }
    }

    /** An answer whose verdict is read back from its outputs (restored from a snapshot). */
    Answer(String caller, Event event, byte[] entry, long sequence, List<String> outputs) {
      this(caller, event, entry, sequence, outputs, Verdict.of(outputs));
    }
  }

  private final Map<String, Answer> orders = new HashMap<>();
  private final Map<String, Answer> fills = new HashMap<>();
  private final Map<String, Answer> cancels = new HashMap<>();
  private final Map<String, Answer> sizes = new HashMap<>();

  /** Amends by order id and time: an order may be amended many times, each retried alike. */
  private final Map<String, Answer> amends = new HashMap<>();

  /**
   * How many answers a server remembers: the last 100,000 orders, fills, cancels and size requests
   * (some 200 MB at most), plenty for retries after a timeout or a fail-over.
   */
  static final int DEFAULT_CAPACITY = 100_000;

  /** Every remembered answer, oldest (lowest journal sequence) first. */
  private final java.util.ArrayDeque<Answer> bySequence = new java.util.ArrayDeque<>();

  private final int capacity;
  private long tradingDay = Long.MIN_VALUE;

  /**
   * @param capacity the most answers remembered; past it the oldest is forgotten (in journal order,
   *     so a replay forgets the same ones)
   */
  RememberedAnswers(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative: " + capacity);
    }
    this.capacity = capacity;
  }

  /** Whether answers to events of this kind are remembered. */
  static boolean remembers(Event event) {
    return event instanceof Event.Order
        || event instanceof Event.Fill
        || event instanceof Event.Cancel
        || event instanceof Event.Amend
        || event instanceof Event.SizeRequest;
  }

  /** The answer to an earlier event of the same type and id, or null. */
  Answer earlier(Event event) {
    final Map<String, Answer> map = mapOf(event);
    return map == null ? null : map.get(idOf(event));
  }

  /** Whether {@code answer} is the answer to this very request, sent again. */
  static boolean sameRequest(Answer answer, String caller, Event event) {
    return answer.caller().equals(caller) && answer.event().equals(event);
  }

  /**
   * Remembers the answer to an applied event unless an earlier one holds its id (the first answer
   * is the one a retry gets). Call after the engine applied it, so a day roll it caused is seen
   * first.
   */
  void remember(RiskEngine engine, Answer answer) {
    followDay(engine);
    add(answer);
  }

  private void add(Answer answer) {
    if (capacity == 0 || mapOf(answer.event()).putIfAbsent(idOf(answer.event()), answer) != null) {
      return;
    }
    bySequence.addLast(answer);
    while (bySequence.size() > capacity) {
      final Answer oldest = bySequence.removeFirst();
      mapOf(oldest.event()).remove(idOf(oldest.event()), oldest);
    }
  }

  /**
   * Forgets what the engine forgot when its trading day changed since the last call: every answer
   * except those to orders that are still open.
   */
  void followDay(RiskEngine engine) {
    final long day = engine.currentTradingDay();
    if (day == tradingDay) {
      return;
    }
    tradingDay = day;
    orders.keySet().removeIf(orderId -> engine.openOrderStrategy(orderId) == null);
    fills.clear();
    cancels.clear();
    sizes.clear();
    amends.clear();
    bySequence.removeIf(answer -> orders.get(idOf(answer.event())) != answer);
  }

  /** How many answers are remembered. */
  int size() {
    return orders.size() + fills.size() + cancels.size() + sizes.size() + amends.size();
  }

  /** Every remembered answer, in journal order (for a snapshot). */
  List<Answer> entries() {
    return new ArrayList<>(bySequence);
  }

  /** Restores answers of a snapshot taken on the engine's current trading day. */
  void restore(RiskEngine engine, List<Answer> answers) {
    tradingDay = engine.currentTradingDay();
    for (Answer answer : answers) {
      add(answer);
    }
  }

  private Map<String, Answer> mapOf(Event event) {
    if (event instanceof Event.Order) {
      return orders;
    }
    if (event instanceof Event.Fill) {
      return fills;
    }
    if (event instanceof Event.Cancel) {
      return cancels;
    }
    if (event instanceof Event.Amend) {
      return amends;
    }
    return event instanceof Event.SizeRequest ? sizes : null;
  }

  private static String idOf(Event event) {
    if (event instanceof Event.Order order) {
      return order.orderId();
    }
    if (event instanceof Event.Fill fill) {
      return fill.fillId();
    }
    if (event instanceof Event.Cancel cancel) {
      return cancel.orderId();
    }
    if (event instanceof Event.Amend amend) {
      return amend.orderId() + "@" + amend.timestampNanos();
    }
    return ((Event.SizeRequest) event).requestId();
  }
}
