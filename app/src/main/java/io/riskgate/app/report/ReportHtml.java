package io.riskgate.app.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The report's {@code index.html}: one self-contained page (styles inline, charts embedded as data
 * URIs, no script, nothing fetched) with the summary's tables and the charts.
 */
public final class ReportHtml {
  private static final String STYLE =
      "body{font-family:sans-serif;margin:24px;color:#222;max-width:1100px}"
          + "table{border-collapse:collapse;margin:8px 0 20px}"
          + "td,th{border:1px solid #ccc;padding:4px 10px;text-align:right}"
          + "th{background:#f2f2f2}td:first-child,th:first-child{text-align:left}"
          + ".neg{color:#b00}.pos{color:#070}img{max-width:100%;border:1px solid #ddd}"
          + ".pair{display:flex;gap:12px}.pair figure{flex:1;margin:0}"
          + "figcaption{font-size:90%;color:#555}code{background:#f6f6f6}";

  private final StringBuilder html = new StringBuilder();

  private ReportHtml() {}

  /** The page of a single replay. */
  public static String single(String events, ObjectNode summary, List<ReportCharts.Chart> charts) {
    final ReportHtml page = new ReportHtml();
    page.start("Riskgate replay report", events);
    page.html
        .append("<p>Limits: <code>")
        .append(escape(summary.get("limits").asText()))
        .append("</code>. State hash <code>")
        .append(escape(summary.get("stateHash").asText()))
        .append("</code>.</p>");
    page.h2("Overview");
    page.overview(List.of(summary), List.of("value"), false);
    page.h2("Rejections by code");
    page.counts(List.of(summary.get("decisions").get("rejectedByCode")), List.of("rejections"));
    page.h2("Alerts raised");
    page.counts(List.of(summary.get("alerts").get("byCode")), List.of("alerts raised, by code"));
    page.counts(List.of(summary.get("alerts").get("byLevel")), List.of("alerts raised, by level"));
    page.h2("Firm and accounts");
    page.ledgers(summary);
    page.h2("Strategies");
    page.strategies(summary);
    page.h2("Charts");
    for (ReportCharts.Chart chart : charts) {
      page.figure(chart);
    }
    page.h2("State transitions");
    page.transitions(summary);
    return page.end();
  }

  /** The page of a what-if: both runs side by side, their differences and their charts. */
  public static String compare(
      String events,
      ObjectNode root,
      List<ReportCharts.Chart> chartsA,
      List<ReportCharts.Chart> chartsB,
      List<ReportCharts.Chart> both) {
    final ReportHtml page = new ReportHtml();
    final ObjectNode a = (ObjectNode) root.get("a");
    final ObjectNode b = (ObjectNode) root.get("b");
    final JsonNode diff = root.get("difference");
    page.start("Riskgate what-if report", events);
    page.html
        .append("<p>Limit set <b>a</b>: <code>")
        .append(escape(a.get("limits").asText()))
        .append("</code>; limit set <b>b</b>: <code>")
        .append(escape(b.get("limits").asText()))
        .append("</code>. The same events replayed under each.</p>");
    page.h2("Side by side");
    page.overview(List.of(a, b), List.of("a", "b"), true);
    page.h2("Rejections by code");
    page.counts(
        List.of(a.get("decisions").get("rejectedByCode"), b.get("decisions").get("rejectedByCode")),
        List.of("a", "b"));
    page.h2("Alerts raised by code");
    page.counts(
        List.of(a.get("alerts").get("byCode"), b.get("alerts").get("byCode")), List.of("a", "b"));
    page.h2("Firm and accounts: a");
    page.ledgers(a);
    page.h2("Firm and accounts: b");
    page.ledgers(b);
    page.h2("Orders decided differently");
    final JsonNode orders = diff.get("ordersDecidedDifferently");
    page.html
        .append("<p>")
        .append(orders.get("count").asLong())
        .append(" orders decided differently: ")
        .append(orders.get("approvedByAOnly").asLong())
        .append(" approved under a only, ")
        .append(orders.get("approvedByBOnly").asLong())
        .append(" under b only, the rest rejected by different checks. The first ")
        .append(orders.get("first").size())
        .append(":</p>");
    page.html.append("<table><tr><th>order</th><th>time</th><th>a</th><th>b</th></tr>");
    for (JsonNode d : orders.get("first")) {
      page.html
          .append("<tr><td>")
          .append(escape(d.get("orderId").asText()))
          .append("</td><td>")
          .append(escape(d.get("ts").asText()))
          .append("</td><td>")
          .append(outcome(d.get("a")))
          .append("</td><td>")
          .append(outcome(d.get("b")))
          .append("</td></tr>");
    }
    page.html.append("</table>");
    page.h2("Charts");
    for (ReportCharts.Chart chart : both) {
      page.figure(chart);
    }
    for (int i = 0; i < Math.max(chartsA.size(), chartsB.size()); i++) {
      page.html.append("<div class=\"pair\">");
      if (i < chartsA.size()) {
        page.figure(chartsA.get(i));
      }
      if (i < chartsB.size()) {
        page.figure(chartsB.get(i));
      }
      page.html.append("</div>");
    }
    page.h2("State transitions: a");
    page.transitions(a);
    page.h2("State transitions: b");
    page.transitions(b);
    return page.end();
  }

  private void start(String title, String events) {
    html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
        .append(escape(title))
        .append("</title><style>")
        .append(STYLE)
        .append("</style></head><body><h1>")
        .append(escape(title))
        .append("</h1><p>Events: <code>")
        .append(escape(events))
        .append("</code></p>");
  }

  private String end() {
    html.append("</body></html>\n");
    return html.toString();
  }

  private void h2(String text) {
    html.append("<h2>").append(escape(text)).append("</h2>");
  }

  private static final String[][] OVERVIEW = {
    {"events applied", "events"},
    {"limit overrides applied", "limitOverridesApplied"},
    {"fills skipped (order rejected in this run)", "skippedFills"},
    {"cancels skipped (order rejected in this run)", "skippedCancels"},
    {"decisions", "decisions", "total"},
    {"approved", "decisions", "approved"},
    {"rejected", "decisions", "rejected"},
    {"alerts raised", "alerts", "raised"},
    {"breaker trips", "breakers", "trips"},
    {"breaker recoveries", "breakers", "recoveries"},
    {"kills", "killSwitch", "kills"},
    {"re-arms", "killSwitch", "rearms"},
    {"trading state changes", "tradingStateChanges"},
    {"venue actions (cancel, flatten)", "actions"},
    {"firm equity", "firm", "equity"},
    {"firm realized PnL", "firm", "realizedPnl"},
    {"firm fees", "firm", "fees"},
    {"firm unrealized PnL", "firm", "unrealizedPnl"},
    {"firm total PnL", "firm", "totalPnl"},
    {"firm max drawdown", "firm", "maxDrawdown"},
  };

  private void overview(List<ObjectNode> runs, List<String> headers, boolean difference) {
    html.append("<table><tr><th>figure</th>");
    for (String h : headers) {
      html.append("<th>").append(escape(h)).append("</th>");
    }
    if (difference) {
      html.append("<th>b − a</th>");
    }
    html.append("</tr>");
    for (String[] row : OVERVIEW) {
      html.append("<tr><td>").append(escape(row[0])).append("</td>");
      final boolean fraction = row[row.length - 1].equals("maxDrawdown");
      for (ObjectNode run : runs) {
        html.append("<td>").append(format(at(run, row), fraction)).append("</td>");
      }
      if (difference) {
        final JsonNode x = at(runs.get(0), row);
        final JsonNode y = at(runs.get(1), row);
        html.append(delta(x, y, fraction));
      }
      html.append("</tr>");
    }
    html.append("</table>");
  }

  private void counts(List<JsonNode> columns, List<String> headers) {
    final Set<String> keys = new LinkedHashSet<>();
    for (JsonNode column : columns) {
      column.fieldNames().forEachRemaining(keys::add);
    }
    if (keys.isEmpty()) {
      html.append("<p>None.</p>");
      return;
    }
    html.append("<table><tr><th>code</th>");
    for (String h : headers) {
      html.append("<th>").append(escape(h)).append("</th>");
    }
    if (columns.size() == 2) {
      html.append("<th>b − a</th>");
    }
    html.append("</tr>");
    for (String key : keys) {
      html.append("<tr><td>").append(escape(key)).append("</td>");
      for (JsonNode column : columns) {
        html.append("<td>")
            .append(String.format(Locale.ROOT, "%,d", column.path(key).asLong()))
            .append("</td>");
      }
      if (columns.size() == 2) {
        html.append(delta(columns.get(0).path(key), columns.get(1).path(key), false));
      }
      html.append("</tr>");
    }
    html.append("</table>");
  }

  private void ledgers(ObjectNode summary) {
    html.append(
        "<table><tr><th>scope</th><th>equity</th><th>realized PnL</th><th>fees</th>"
            + "<th>unrealized PnL</th><th>total PnL</th><th>gross exposure</th>"
            + "<th>max drawdown</th><th>state</th></tr>");
    ledgerRow("firm", summary.get("firm"));
    for (Map.Entry<String, JsonNode> e : summary.get("accounts").properties()) {
      ledgerRow("account " + e.getKey(), e.getValue());
    }
    html.append("</table>");
  }

  private void ledgerRow(String name, JsonNode l) {
    html.append("<tr><td>").append(escape(name)).append("</td>");
    for (String f :
        new String[] {
          "equity", "realizedPnl", "fees", "unrealizedPnl", "totalPnl", "grossExposure"
        }) {
      html.append("<td>").append(format(l.get(f), false)).append("</td>");
    }
    html.append("<td>").append(format(l.get("maxDrawdown"), true)).append("</td><td>");
    html.append(escape(l.get("state").asText()));
    if (l.get("killed").asBoolean()) {
      html.append(", killed");
    }
    html.append("</td></tr>");
  }

  private void strategies(ObjectNode summary) {
    html.append(
        "<table><tr><th>strategy</th><th>account</th><th>realized PnL</th><th>fees</th>"
            + "<th>unrealized PnL</th><th>total PnL</th></tr>");
    for (Map.Entry<String, JsonNode> e : summary.get("strategies").properties()) {
      final JsonNode s = e.getValue();
      html.append("<tr><td>")
          .append(escape(e.getKey()))
          .append("</td><td>")
          .append(escape(s.get("account").asText()))
          .append("</td>");
      for (String f : new String[] {"realizedPnl", "fees", "unrealizedPnl", "totalPnl"}) {
        html.append("<td>").append(format(s.get(f), false)).append("</td>");
      }
      html.append("</tr>");
    }
    html.append("</table>");
  }

  private void transitions(ObjectNode summary) {
    final JsonNode list = summary.get("stateTransitions");
    if (list.isEmpty()) {
      html.append("<p>None.</p>");
      return;
    }
    html.append(
        "<table><tr><th>time</th><th>scope</th><th>kind</th><th>from</th><th>to</th>"
            + "<th>reason</th></tr>");
    for (JsonNode t : list) {
      html.append("<tr>");
      for (String f : new String[] {"ts", "scope", "kind", "from", "to", "reason"}) {
        html.append("<td>").append(escape(t.get(f).asText())).append("</td>");
      }
      html.append("</tr>");
    }
    html.append("</table>");
    if (list.size() >= RunRecorder.LISTED_TRANSITIONS) {
      html.append("<p>Only the first ").append(list.size()).append(" are listed.</p>");
    }
  }

  private void figure(ReportCharts.Chart chart) {
    html.append("<figure><img alt=\"")
        .append(escape(chart.title()))
        .append("\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(chart.png()))
        .append("\"><figcaption>")
        .append(escape(chart.title()))
        .append(" (")
        .append(escape(chart.file()))
        .append(")</figcaption></figure>");
  }

  private static String outcome(JsonNode o) {
    if (o.get("approved").asBoolean()) {
      return "approved";
    }
    final StringBuilder s = new StringBuilder("rejected: ").append(o.get("rejectedBy").asText());
    if (o.has("value") && !o.get("value").isNull()) {
      s.append(String.format(Locale.ROOT, " (%.6g", o.get("value").asDouble()));
      if (o.has("limit") && !o.get("limit").isNull()) {
        s.append(String.format(Locale.ROOT, " against %.6g", o.get("limit").asDouble()));
      }
      if (o.has("scope")) {
        s.append(" at ").append(o.get("scope").asText());
      }
      s.append(')');
    }
    return escape(s.toString());
  }

  private static JsonNode at(JsonNode node, String[] row) {
    JsonNode n = node;
    for (int i = 1; i < row.length; i++) {
      n = n.path(row[i]);
    }
    return n;
  }

  private static String format(JsonNode n, boolean fraction) {
    if (n == null || n.isMissingNode() || n.isNull()) {
      return "";
    }
    if (fraction) {
      return String.format(Locale.ROOT, "%.2f%%", n.asDouble() * 100);
    }
    if (n.isIntegralNumber()) {
      return String.format(Locale.ROOT, "%,d", n.asLong());
    }
    if (n.isNumber()) {
      return String.format(Locale.ROOT, "%,.2f", n.decimalValue());
    }
    return escape(n.asText());
  }

  private static String delta(JsonNode a, JsonNode b, boolean fraction) {
    if (!a.isNumber() && !a.isMissingNode() || !b.isNumber() && !b.isMissingNode()) {
      return "<td></td>";
    }
    final java.math.BigDecimal d = b.decimalValue().subtract(a.decimalValue());
    final String cls = d.signum() < 0 ? " class=\"neg\"" : d.signum() > 0 ? " class=\"pos\"" : "";
    final String text;
    if (fraction) {
      text = String.format(Locale.ROOT, "%+.2f pp", d.doubleValue() * 100);
    } else if (d.scale() <= 0) {
      text = String.format(Locale.ROOT, "%+,d", d.longValue());
    } else {
      text = String.format(Locale.ROOT, "%+,.2f", d);
    }
    return "<td" + cls + ">" + text + "</td>";
  }

  /** Escapes text for HTML content and attribute values. */
  static String escape(String text) {
    final StringBuilder s = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      final char c = text.charAt(i);
      switch (c) {
        case '<' -> s.append("&lt;");
        case '>' -> s.append("&gt;");
        case '&' -> s.append("&amp;");
        case '"' -> s.append("&quot;");
        case '\'' -> s.append("&#39;");
        default -> s.append(c);
      }
    }
    return s.toString();
  }
}
