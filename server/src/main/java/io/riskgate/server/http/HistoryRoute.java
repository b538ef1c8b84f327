package io.riskgate.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.riskgate.server.audit.AuditRows.LedgerRow;
import io.riskgate.server.audit.AuditStore;
import io.riskgate.server.audit.HistoryQuery;
import io.riskgate.server.runtime.LedgerSample;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /v1/history}: each scope's equity, high-water mark, drawdown, daily PnL and gross
 * exposure over time, from the audit store, down-sampled ({@code points} per scope) over a time
 * range ({@code from}, {@code to}); the dashboard draws its charts from it on load. Samples are
 * taken once per minute of engine time ({@link LedgerSample}), so the latest figures are in {@code
 * /v1/report} and on the stream, and the history of an event is written a moment after its answer.
 */
final class HistoryRoute {
  private final Supplier<AuditStore> store;

  HistoryRoute(Supplier<AuditStore> store) {
    this.store = store;
  }

  void handle(Context ctx) {
    final AuditStore audit = store.get();
    if (audit == null) {
      throw Problem.unavailable(
          "no audit store is configured (audit: {kind: none}); the history is kept in it");
    }
    final HistoryQuery query;
    try {
      query = HistoryQuery.parse(ctx.queryParamMap());
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest(e.getMessage());
    }
    final Map<String, List<LedgerRow>> history;
    try {
      history = audit.history(query);
    } catch (SQLException e) {
      throw Problem.unavailable(
          "the audit store (" + audit.description() + ") failed: " + e.getMessage());
    }
    final ObjectNode out = HttpApi.newObject();
    out.put("bucketSeconds", LedgerSample.BUCKET_NANOS / 1_000_000_000L);
    final ArrayNode series = out.putArray("series");
    history.forEach(
        (scope, rows) -> {
          final ObjectNode s = series.addObject();
          s.put("scope", scope);
          final ArrayNode points = s.putArray("points");
          for (LedgerRow r : rows) {
            final ObjectNode p = points.addObject();
            p.put("ts", r.ts());
            p.put("sequence", r.sequence());
            p.put("equity", r.equity());
            p.put("highWaterMark", r.highWaterMark());
            p.put("drawdown", r.drawdown());
            p.put("dailyPnl", r.dailyPnl());
            p.put("grossExposure", r.grossExposure());
          }
        });
    ctx.contentType("application/json").result(out.toString());
  }
}
