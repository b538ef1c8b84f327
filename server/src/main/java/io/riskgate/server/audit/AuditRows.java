package io.riskgate.server.audit;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import io.riskgate.core.Fixed;
import io.riskgate.core.event.Event;
import io.riskgate.server.codec.EventCodec;
import io.riskgate.server.codec.ExactJson;
import io.riskgate.server.codec.IsoTime;
import io.riskgate.server.runtime.DurableRecord;
import io.riskgate.server.runtime.LedgerSample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The rows of the audit trail that durable records make: one per decision (with one per check),
 * alert, state change and limit change, and the ledgers' history samples. A pure function of the
 * records, so the live trail and a rebuild from the journal, which meet the same records, give the
 * same rows.
 *
 * <p>A row is keyed by the journal sequence of the event that produced it and, for outputs, the
 * output's position among that event's outputs. A decision carries the order it decided (account,
 * strategy, symbol, side, quantity, price) from the order event, since the decision names only the
 * order id.
 */
public final class AuditRows {
  /**
   * One check of a decision.
   *
   * @param value the measured value, null when not finite
   * @param limit the limit, null when not finite
   */
  public record CheckRow(
      int index,
      String code,
      boolean passed,
      Double value,
      Double limit,
      String scope,
      String reason) {}

  /** A decision with the order it decided and every check. */
  public record DecisionRow(
      long sequence,
      int index,
      long tsNanos,
      String ts,
      String orderId,
      String account,
      String strategy,
      String symbol,
      String side,
      String quantity,
      String price,
      String caller,
      boolean approved,
      boolean riskReducing,
      String rejectedBy,
      List<CheckRow> checks) {
    public DecisionRow {
      checks = List.copyOf(checks);
    }
  }

  /** An alert raised or cleared. */
  public record AlertRow(
      long sequence,
      int index,
      long tsNanos,
      String ts,
      String level,
      String code,
      String scope,
      boolean raised,
      String message,
      Double value,
      Double threshold,
      String action) {}

  /** A trading state, breaker or kill state that changed. */
  public record StateRow(
      long sequence,
      int index,
      long tsNanos,
      String ts,
      String scope,
      String kind,
      String from,
      String to,
      String reason) {}

  /**
   * A limit change: the limits event as journaled, at the engine's time after it.
   *
   * @param limits the {@code limits} object of the event, as JSON text
   * @param by the {@code by} of the event (who changed it)
   * @param caller the caller who sent it
   */
  public record LimitRow(
      long sequence,
      long tsNanos,
      String ts,
      String scope,
      String limits,
      String by,
      String caller) {}

  /**
   * A scope's figures after the event of journal record {@code sequence}, a point of its history.
   * Money is exact decimal text.
   */
  public record LedgerRow(
      long sequence,
      String scope,
      long tsNanos,
      String ts,
      String equity,
      String highWaterMark,
      double drawdown,
      String dailyPnl,
      String grossExposure) {}

  /**
   * The rows of some records.
   *
   * @param lastSequence the sequence of the last record they came from, rows or not
   */
  public record Batch(
      List<DecisionRow> decisions,
      List<AlertRow> alerts,
      List<StateRow> states,
      List<LimitRow> limits,
      List<LedgerRow> ledgers,
      long lastSequence) {
    public boolean isEmpty() {
      return decisions.isEmpty()
          && alerts.isEmpty()
          && states.isEmpty()
          && limits.isEmpty()
          && ledgers.isEmpty();
    }
  }

  private AuditRows() {}

  /** The rows of {@code records}, in journal order. */
  public static Batch of(List<DurableRecord> records) {
    final List<DecisionRow> decisions = new ArrayList<>();
    final List<AlertRow> alerts = new ArrayList<>();
    final List<StateRow> states = new ArrayList<>();
    final List<LimitRow> limits = new ArrayList<>();
    final List<LedgerRow> ledgers = new ArrayList<>();
    long last = 0;
    for (DurableRecord record : records) {
      last = Math.max(last, record.sequence());
      final String type = record.event().path("type").asText();
      if (type.equals("limits")) {
        limits.add(limitRow(record));
      }
      for (LedgerSample sample : record.ledgers()) {
        ledgers.add(ledgerRow(record.sequence(), sample));
      }
      for (int i = 0; i < record.outputs().size(); i++) {
        final String text = record.outputs().get(i);
        if (text.startsWith("{\"type\":\"decision\"")) {
          decisions.add(decisionRow(record, i, text));
        } else if (text.startsWith("{\"type\":\"alert\"")) {
          alerts.add(alertRow(record, i, read(text)));
        } else if (text.startsWith("{\"type\":\"state\"")) {
          states.add(stateRow(record, i, read(text)));
        }
      }
    }
    return new Batch(decisions, alerts, states, limits, ledgers, last);
  }

  private static JsonNode read(String text) {
    try {
      return ExactJson.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException("an output is not JSON: " + text, e);
    }
  }

  /**
   * The row of a decision output. The decision is read with Jackson's streaming parser rather than
   * as a tree: decisions are most of the trail, each with a dozen or more checks, and building a
   * tree of each was the largest cost of the audit thread.
   */
  private static DecisionRow decisionRow(DurableRecord record, int index, String text) {
    String account = null;
    String strategy = null;
    String symbol = null;
    String side = null;
    String quantity = null;
    String price = null;
    if (record.event().path("type").asText().equals("order")) {
      final Event.Order order = (Event.Order) EventCodec.parse(record.event());
      account = order.account();
      strategy = order.strategy();
      symbol = order.symbol();
      side = order.side().wireName();
      quantity = Fixed.toString(order.quantity());
      price = record.event().hasNonNull("price") ? Fixed.toString(order.price()) : null;
    }
    String ts = null;
    String orderId = null;
    boolean approved = false;
    boolean riskReducing = false;
    String rejectedBy = null;
    final List<CheckRow> checks = new ArrayList<>();
    try (JsonParser p = ExactJson.MAPPER.getFactory().createParser(text)) {
      expect(p, JsonToken.START_OBJECT, text);
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        final String field = p.currentName();
        final JsonToken value = p.nextToken();
        switch (field) {
          case "ts" -> ts = p.getText();
          case "orderId" -> orderId = p.getText();
          case "approved" -> approved = value == JsonToken.VALUE_TRUE;
          case "riskReducing" -> riskReducing = value == JsonToken.VALUE_TRUE;
          case "rejectedBy" -> rejectedBy = value == JsonToken.VALUE_NULL ? null : p.getText();
          case "checks" -> {
            if (value != JsonToken.START_ARRAY) {
              throw new UncheckedIOException(
                  new IOException("a decision's checks are not a list: " + text));
            }
            while (p.nextToken() == JsonToken.START_OBJECT) {
              checks.add(checkRow(p, checks.size()));
            }
          }
          default -> p.skipChildren();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("a decision output is not JSON: " + text, e);
    }
    return new DecisionRow(
        record.sequence(),
        index,
        IsoTime.parse(ts),
        ts,
        orderId,
        account,
        strategy,
        symbol,
        side,
        quantity,
        price,
        record.caller(),
        approved,
        riskReducing,
        rejectedBy,
        checks);
  }

  /** One check, the parser on its opening brace; leaves it on the closing one. */
  private static CheckRow checkRow(JsonParser p, int index) throws IOException {
    String code = null;
    boolean passed = false;
    Double value = null;
    Double limit = null;
    String scope = null;
    String reason = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      final String field = p.currentName();
      final JsonToken token = p.nextToken();
      switch (field) {
        case "code" -> code = p.getText();
        case "passed" -> passed = token == JsonToken.VALUE_TRUE;
        case "value" -> value = token.isNumeric() ? p.getDoubleValue() : null;
        case "limit" -> limit = token.isNumeric() ? p.getDoubleValue() : null;
        case "scope" -> scope = token == JsonToken.VALUE_NULL ? null : p.getText();
        case "reason" -> reason = token == JsonToken.VALUE_NULL ? null : p.getText();
        default -> p.skipChildren();
      }
    }
    return new CheckRow(index, code, passed, value, limit, scope, reason);
  }

  private static void expect(JsonParser p, JsonToken token, String text) throws IOException {
    if (p.nextToken() != token) {
      throw new IOException("expected " + token + " in " + text);
    }
  }

  private static AlertRow alertRow(DurableRecord record, int index, JsonNode a) {
    final String ts = a.path("ts").asText();
    return new AlertRow(
        record.sequence(),
        index,
        IsoTime.parse(ts),
        ts,
        a.path("level").asText(),
        a.path("code").asText(),
        a.path("scope").asText(),
        a.path("raised").asBoolean(),
        text(a.get("message")),
        number(a.get("value")),
        number(a.get("threshold")),
        text(a.get("action")));
  }

  private static StateRow stateRow(DurableRecord record, int index, JsonNode s) {
    final String ts = s.path("ts").asText();
    return new StateRow(
        record.sequence(),
        index,
        IsoTime.parse(ts),
        ts,
        s.path("scope").asText(),
        s.path("kind").asText(),
        s.path("from").asText(),
        s.path("to").asText(),
        text(s.get("reason")));
  }

  private static LimitRow limitRow(DurableRecord record) {
    final JsonNode e = record.event();
    final long time = record.engineTimeNanos();
    return new LimitRow(
        record.sequence(),
        time,
        time == Long.MIN_VALUE ? null : IsoTime.format(time),
        e.path("scope").asText(),
        e.path("limits").toString(),
        text(e.get("by")),
        record.caller());
  }

  private static LedgerRow ledgerRow(long sequence, LedgerSample s) {
    return new LedgerRow(
        sequence,
        s.scope(),
        s.tsNanos(),
        IsoTime.format(s.tsNanos()),
        Fixed.toString(s.equity()),
        Fixed.toString(s.highWaterMark()),
        s.drawdown(),
        Fixed.toString(s.dailyPnl()),
        Fixed.toString(s.grossExposure()));
  }

  private static Double number(JsonNode node) {
    return node == null || !node.isNumber() ? null : node.doubleValue();
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }
}
