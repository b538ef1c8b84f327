package io.riskgate.app.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.riskgate.core.Fixed;
import io.riskgate.core.check.CheckCode;
import io.riskgate.core.engine.LedgerView;
import io.riskgate.core.engine.RiskEngine;
import io.riskgate.core.engine.StateChange;
import io.riskgate.server.codec.EventCodec;
import io.riskgate.server.codec.ExactJson;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeSet;

/**
 * The figures of a replay as JSON: the content of {@code summary.json}, and the tables of {@code
 * index.html} are drawn from it. Money is exact (decimal numbers from the engine's fixed-point
 * values); drawdowns are fractions.
 */
public final class ReportSummary {
  /** Writes summaries: exact plain decimals, two-space indentation, stable key order. */
  public static final ObjectMapper MAPPER =
      ExactJson.configure(JsonMapper.builder()).enable(SerializationFeature.INDENT_OUTPUT).build();

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ReportSummary() {}

  /** The summary of one run. */
  public static ObjectNode of(ReplayRun run) {
    final RunRecorder r = run.recorder();
    final ObjectNode node = NODES.objectNode();
    node.put("limits", run.overrides().source());
    node.put("events", run.events());
    node.put("limitOverridesApplied", run.overridesApplied());
    node.put("skippedFills", run.skippedFills());
    node.put("skippedCancels", run.skippedCancels());
    final ObjectNode decisions = node.putObject("decisions");
    decisions.put("total", r.decisions);
    decisions.put("approved", r.approved);
    decisions.put("rejected", r.decisions - r.approved);
    final ObjectNode byCode = decisions.putObject("rejectedByCode");
    for (CheckCode code : CheckCode.values()) {
      if (r.rejected(code) > 0) {
        byCode.put(code.name(), r.rejected(code));
      }
    }
    node.put("sizeAnswers", r.sizeAnswers);
    node.put("actions", r.actions);
    final ObjectNode alerts = node.putObject("alerts");
    alerts.put("raised", r.alertsRaised);
    alerts.put("cleared", r.alertsCleared);
    final ObjectNode alertCodes = alerts.putObject("byCode");
    r.alertsByCode.forEach(alertCodes::put);
    final ObjectNode alertLevels = alerts.putObject("byLevel");
    r.alertsByLevel.forEach(alertLevels::put);
    final ObjectNode breakers = node.putObject("breakers");
    breakers.put("trips", r.breakerTrips);
    breakers.put("recoveries", r.breakerRecoveries);
    final ObjectNode kill = node.putObject("killSwitch");
    kill.put("kills", r.kills);
    kill.put("rearms", r.rearms);
    node.put("tradingStateChanges", r.tradingStateChanges);
    final RiskEngine engine = run.engine();
    node.set("firm", ledger(engine.ledger("firm"), run.maxDrawdown("firm")));
    final ObjectNode accounts = node.putObject("accounts");
    for (String account : run.accounts()) {
      final String scope = "account:" + account;
      accounts.set(account, ledger(engine.ledger(scope), run.maxDrawdown(scope)));
    }
    final ObjectNode strategies = node.putObject("strategies");
    for (Map.Entry<String, String> strategy : run.strategies().entrySet()) {
      final LedgerView view = engine.ledger("strategy:" + strategy.getKey());
      final ObjectNode s = strategies.putObject(strategy.getKey());
      s.put("account", strategy.getValue());
      money(s, "equity", view.equity());
      money(s, "realizedPnl", view.realizedPnl());
      money(s, "fees", view.fees());
      money(s, "unrealizedPnl", view.unrealizedPnl());
      money(s, "totalPnl", totalPnl(view));
    }
    final ArrayNode transitions = node.putArray("stateTransitions");
    for (StateChange change : r.transitions) {
      final ObjectNode t = transitions.addObject();
      t.put("ts", EventCodec.formatTime(change.timestampNanos()));
      t.put("scope", change.scope().toString());
      t.put("kind", change.kind());
      t.put("from", change.from());
      t.put("to", change.to());
      t.put("reason", change.reason());
    }
    node.put("stateHash", String.format(java.util.Locale.ROOT, "%016x", engine.stateHash()));
    return node;
  }

  /** Realized PnL − fees + unrealized PnL. */
  static long totalPnl(LedgerView view) {
    return view.realizedPnl() - view.fees() + view.unrealizedPnl();
  }

  private static ObjectNode ledger(LedgerView view, double maxDrawdown) {
    final ObjectNode node = NODES.objectNode();
    money(node, "equity", view.equity());
    money(node, "realizedPnl", view.realizedPnl());
    money(node, "fees", view.fees());
    money(node, "unrealizedPnl", view.unrealizedPnl());
    money(node, "totalPnl", totalPnl(view));
    money(node, "grossExposure", view.grossExposure());
    node.put("maxDrawdown", maxDrawdown);
    node.put("state", view.state().name());
    node.put("killed", view.killed());
    return node;
  }

  private static void money(ObjectNode node, String field, long fixed) {
    node.put(field, decimal(fixed));
  }

  private static BigDecimal decimal(long fixed) {
    final BigDecimal value = Fixed.toBigDecimal(fixed).stripTrailingZeros();
    return value.scale() < 0 ? value.setScale(0) : value;
  }

  /** The what-if summary: both runs, and b − a of every figure they share. */
  public static ObjectNode compare(WhatIf whatIf) {
    final ObjectNode a = of(whatIf.a());
    final ObjectNode b = of(whatIf.b());
    final ObjectNode root = NODES.objectNode();
    root.set("a", a);
    root.set("b", b);
    final ObjectNode diff = root.putObject("difference");
    diff.put("note", "b minus a");
    diff.put("events", b.get("events").asLong() - a.get("events").asLong());
    diff.put("approved", delta(a, b, "decisions", "approved"));
    diff.put("rejected", delta(a, b, "decisions", "rejected"));
    final ObjectNode byCode = diff.putObject("rejectedByCode");
    final TreeSet<String> codes = new TreeSet<>();
    a.get("decisions").get("rejectedByCode").fieldNames().forEachRemaining(codes::add);
    b.get("decisions").get("rejectedByCode").fieldNames().forEachRemaining(codes::add);
    for (String code : codes) {
      byCode.put(code, delta(a, b, "decisions", "rejectedByCode", code));
    }
    diff.put("alertsRaised", delta(a, b, "alerts", "raised"));
    diff.put("breakerTrips", delta(a, b, "breakers", "trips"));
    diff.put("breakerRecoveries", delta(a, b, "breakers", "recoveries"));
    diff.put("kills", delta(a, b, "killSwitch", "kills"));
    diff.set("firm", ledgerDelta(a.get("firm"), b.get("firm")));
    final ObjectNode accounts = diff.putObject("accounts");
    for (Iterator<String> it = a.get("accounts").fieldNames(); it.hasNext(); ) {
      final String account = it.next();
      if (b.get("accounts").has(account)) {
        accounts.set(
            account, ledgerDelta(a.get("accounts").get(account), b.get("accounts").get(account)));
      }
    }
    final ObjectNode orders = diff.putObject("ordersDecidedDifferently");
    orders.put("count", whatIf.differences());
    orders.put("approvedByAOnly", whatIf.approvedOnlyByA());
    orders.put("approvedByBOnly", whatIf.approvedOnlyByB());
    final ArrayNode first = orders.putArray("first");
    for (WhatIf.Difference d : whatIf.listed()) {
      final ObjectNode item = first.addObject();
      item.put("orderId", d.orderId());
      item.put("ts", EventCodec.formatTime(d.timestampNanos()));
      item.set("a", outcome(d.a()));
      item.set("b", outcome(d.b()));
    }
    return root;
  }

  private static ObjectNode outcome(WhatIf.Outcome o) {
    final ObjectNode node = NODES.objectNode();
    node.put("approved", o.approved());
    if (!o.approved()) {
      node.put("rejectedBy", o.rejectedBy().name());
      number(node, "value", o.value());
      number(node, "limit", o.limit());
      if (o.scope() != null) {
        node.put("scope", o.scope());
      }
    }
    return node;
  }

  private static void number(ObjectNode node, String field, double value) {
    if (Double.isFinite(value)) {
      node.put(field, value);
    } else {
      node.putNull(field);
    }
  }

  private static ObjectNode ledgerDelta(JsonNode a, JsonNode b) {
    final ObjectNode node = NODES.objectNode();
    for (String field :
        new String[] {
          "equity", "realizedPnl", "fees", "unrealizedPnl", "totalPnl", "grossExposure"
        }) {
      final BigDecimal d = b.get(field).decimalValue().subtract(a.get(field).decimalValue());
      node.put(field, d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros());
    }
    node.put("maxDrawdown", b.get("maxDrawdown").asDouble() - a.get("maxDrawdown").asDouble());
    return node;
  }

  private static long delta(ObjectNode a, ObjectNode b, String... path) {
    return at(b, path) - at(a, path);
  }

  private static long at(ObjectNode node, String... path) {
    JsonNode n = node;
    for (String p : path) {
      n = n.get(p);
      if (n == null) {
        return 0;
      }
    }
    return n.asLong();
  }
}
