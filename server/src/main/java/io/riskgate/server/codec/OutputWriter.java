package io.riskgate.server.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.riskgate.core.Fixed;
import io.riskgate.core.check.CheckCode;
import io.riskgate.core.check.Decision;
import io.riskgate.core.engine.OutputSink;
import io.riskgate.core.engine.SizeAnswer;
import io.riskgate.core.engine.StateChange;
import io.riskgate.core.kill.Action;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.monitor.Alert;
import io.riskgate.core.report.RiskReport;
import io.riskgate.core.sizing.SizingResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the engine's outputs as JSON lines in the event language: {@code decision} and {@code
 * state}. Output is deterministic: the same outputs always give the same bytes. Non-finite numbers
 * are written as {@code null}.
 */
public final class OutputWriter implements OutputSink {
  private static final JsonFactory FACTORY = new JsonFactory();

  /** The same, writing nothing between root values: each output ends with its own newline. */
  private static final JsonFactory LINES =
      new com.fasterxml.jackson.core.JsonFactoryBuilder().rootValueSeparator((String) null).build();

  // A decision's names, quoted once: a generator copies a serialized string's characters as they
  // are instead of checking each one for escapes.
  private static final SerializedString TYPE = new SerializedString("type");
  private static final SerializedString DECISION = new SerializedString("decision");
  private static final SerializedString APPROVED = new SerializedString("approved");
  private static final SerializedString RISK_REDUCING = new SerializedString("riskReducing");
  private static final SerializedString REJECTED_BY = new SerializedString("rejectedBy");
  private static final SerializedString CHECKS = new SerializedString("checks");
  private static final SerializedString CODE = new SerializedString("code");
  private static final SerializedString PASSED = new SerializedString("passed");
  private static final SerializedString VALUE = new SerializedString("value");
  private static final SerializedString LIMIT = new SerializedString("limit");
  private static final SerializedString SCOPE = new SerializedString("scope");
  private static final SerializedString REASON = new SerializedString("reason");
  private static final SerializedString[] CODES = codes();

  private static SerializedString[] codes() {
    final CheckCode[] codes = CheckCode.values();
    final SerializedString[] names = new SerializedString[codes.length];
    for (CheckCode code : codes) {
      names[code.ordinal()] = new SerializedString(code.name());
    }
    return names;
  }

  /** Scope texts cached per kind past this many names are built each time instead. */
  private static final int SCOPE_CACHE_LIMIT = 4096;

  private final Writer out;
  private long decisions;
  private long approved;

  /**
   * The generator every output is written with, kept for the writer's life and flushed after each
   * output (a generator per output costs its context and buffers each time); null until the first
   * output and after an output failed half-way.
   */
  private JsonGenerator lines;

  /** A decision's scope texts ({@code account:A1}) by kind and name. */
  private final Map<Scope.Kind, Map<String, SerializedString>> scopeTexts =
      new EnumMap<>(Scope.Kind.class);

  public OutputWriter(Writer out) {
    this.out = out;
  }

  @Override
  public void onDecision(Decision d) {
    decisions++;
    if (d.approved()) {
      approved++;
    }
    write(
        g -> {
          g.writeFieldName(TYPE);
          g.writeString(DECISION);
          g.writeStringField("ts", EventCodec.formatTime(d.timestampNanos()));
          g.writeStringField(
              "orderId", d.orderId() != null ? d.orderId() : Long.toString(d.orderKey()));
          if (d.amend()) {
            g.writeBooleanField("amend", true);
          }
          g.writeFieldName(APPROVED);
          g.writeBoolean(d.approved());
          g.writeFieldName(RISK_REDUCING);
          g.writeBoolean(d.riskReducing());
          if (!d.approved()) {
            g.writeFieldName(REJECTED_BY);
            g.writeString(CODES[d.firstFailure().ordinal()]);
          }
          g.writeFieldName(CHECKS);
          g.writeStartArray();
          for (int i = 0; i < d.size(); i++) {
            g.writeStartObject();
            g.writeFieldName(CODE);
            g.writeString(CODES[d.code(i).ordinal()]);
            g.writeFieldName(PASSED);
            g.writeBoolean(d.passed(i));
            number(g, VALUE, d.value(i));
            number(g, LIMIT, d.limit(i));
            if (d.scopeKind(i) != null) {
              g.writeFieldName(SCOPE);
              g.writeString(scopeText(d.scopeKind(i), d.scopeName(i)));
            }
            if (d.reason(i) != null) {
              g.writeFieldName(REASON);
              g.writeString(d.reason(i));
            }
            g.writeEndObject();
          }
          g.writeEndArray();
        });
  }

  @Override
  public void onSize(SizeAnswer answer) {
    final SizingResult r = answer.result();
    write(
        g -> {
          g.writeStringField("type", "size");
          g.writeStringField("ts", EventCodec.formatTime(answer.request().timestampNanos()));
          g.writeStringField("requestId", answer.request().requestId());
          g.writeStringField("strategy", answer.request().strategy());
          g.writeStringField("symbol", answer.request().symbol());
          g.writeStringField("side", answer.request().side().wireName());
          g.writeStringField("sizer", answer.request().sizer().wireName());
          g.writeFieldName("quantity");
          g.writeNumber(Fixed.toBigDecimal(r.quantity()).stripTrailingZeros().toPlainString());
          g.writeFieldName("notional");
          g.writeNumber(Fixed.toBigDecimal(r.notional()).stripTrailingZeros().toPlainString());
          g.writeStringField("status", r.status().name());
          if (answer.blockedBy() != null) {
            g.writeStringField("blockedBy", answer.blockedBy().name());
          }
          g.writeArrayFieldStart("factors");
          for (int i = 0; i < r.factorCount(); i++) {
            g.writeStartObject();
            g.writeStringField("factor", r.factor(i).key());
            number(g, "value", r.factorValue(i));
            g.writeEndObject();
          }
          g.writeEndArray();
        });
  }

  @Override
  public void onReport(RiskReport report) {
    try {
      final com.fasterxml.jackson.databind.node.ObjectNode node = ReportJson.toJson(report);
      try (JsonGenerator g = generator()) {
        ReportJson.MAPPER.writeTree(g, node);
      }
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void onAlert(Alert alert) {
    write(
        g -> {
          g.writeStringField("type", "alert");
          g.writeStringField("ts", EventCodec.formatTime(alert.timestampNanos()));
          g.writeStringField("level", alert.level().name());
          g.writeStringField("code", alert.code());
          g.writeStringField("scope", alert.scope().toString());
          g.writeBooleanField("raised", alert.raised());
          g.writeStringField("message", alert.message());
          number(g, "value", alert.value());
          number(g, "threshold", alert.threshold());
          g.writeStringField("action", alert.action());
        });
  }

  @Override
  public void onAction(Action action) {
    write(
        g -> {
          g.writeStringField("type", "action");
          g.writeStringField("ts", EventCodec.formatTime(action.timestampNanos()));
          g.writeStringField("action", action.kind() == Action.Kind.CANCEL ? "cancel" : "flatten");
          g.writeStringField("scope", action.scope().toString());
          g.writeStringField("orderId", action.orderId());
          g.writeStringField("account", action.account());
          g.writeStringField("strategy", action.strategy());
          g.writeStringField("symbol", action.symbol());
          g.writeStringField("venue", action.venue());
          g.writeStringField("side", action.side().wireName());
          g.writeFieldName("quantity");
          g.writeNumber(Fixed.toBigDecimal(action.quantity()).stripTrailingZeros().toPlainString());
          g.writeNumberField("attempt", action.attempt());
          g.writeStringField("reason", action.reason());
        });
  }

  @Override
  public void onStateChange(StateChange change) {
    write(
        g -> {
          g.writeStringField("type", "state");
          g.writeStringField("ts", EventCodec.formatTime(change.timestampNanos()));
          g.writeStringField("scope", change.scope().toString());
          g.writeStringField("kind", change.kind());
          g.writeStringField("from", change.from());
          g.writeStringField("to", change.to());
          g.writeStringField("reason", change.reason());
        });
  }

  /** Decisions written so far. */
  public long decisions() {
    return decisions;
  }

  /** Approved decisions written so far. */
  public long approved() {
    return approved;
  }

  private static void number(JsonGenerator g, SerializedString field, double value)
      throws IOException {
    g.writeFieldName(field);
    if (Double.isFinite(value)) {
      g.writeNumber(value);
    } else {
      g.writeNull();
    }
  }

  private static void number(JsonGenerator g, String field, double value) throws IOException {
    if (Double.isFinite(value)) {
      g.writeNumberField(field, value);
    } else {
      g.writeNullField(field);
    }
  }

  private SerializedString scopeText(Scope.Kind kind, String name) {
    if (kind == Scope.Kind.FIRM) {
      return FIRM;
    }
    final Map<String, SerializedString> texts =
        scopeTexts.computeIfAbsent(kind, k -> new HashMap<>());
    final SerializedString known = texts.get(name);
    if (known != null) {
      return known;
    }
    final SerializedString text =
        new SerializedString(kind.name().toLowerCase(Locale.ROOT) + ":" + name);
    if (texts.size() < SCOPE_CACHE_LIMIT) {
      texts.put(name, text);
    }
    return text;
  }

  private static final SerializedString FIRM = new SerializedString("firm");

  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private void write(Body body) {
    boolean written = false;
    try {
      JsonGenerator g = lines;
      if (g == null) {
        g = LINES.createGenerator(out);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        lines = g;
      }
      g.writeStartObject();
      body.write(g);
      g.writeEndObject();
      g.writeRaw('\n');
      g.flush();
      written = true;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (!written) {
        lines = null; // it may be inside an object: the next output starts a new one
      }
    }
  }

  /**
   * A generator over the output that leaves it open when closed; closing the generator flushes it
   * and returns its buffers to Jackson's recycler (an unclosed one allocates new buffers each
   * time).
   */
  private JsonGenerator generator() throws IOException {
    final JsonGenerator g = FACTORY.createGenerator(out);
    g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    return g;
  }
}
