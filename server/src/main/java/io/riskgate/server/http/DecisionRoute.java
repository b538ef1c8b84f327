package io.riskgate.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.riskgate.server.audit.AuditRows.CheckRow;
import io.riskgate.server.audit.AuditRows.DecisionRow;
import io.riskgate.server.audit.AuditStore;
import io.riskgate.server.audit.DecisionQuery;
import io.riskgate.server.auth.Caller;
import io.riskgate.server.auth.Role;
import java.sql.SQLException;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code GET /v1/decisions}: the audit trail's decisions by order id, strategy, account, failed
 * check code, approval and time range, in journal order and paged ({@code limit}, {@code cursor}),
 * each with the order it decided, who sent it and every check with its value and limit.
 *
 * <p>A trader bound to some strategies sees only their decisions; risk and viewer tokens see all.
 * The trail is written a moment after the answer (off the engine thread), so a decision may take a
 * few milliseconds to be found.
 */
final class DecisionRoute {
  private final Supplier<AuditStore> store;

  DecisionRoute(Supplier<AuditStore> store) {
    this.store = store;
  }

  void handle(Context ctx) {
    final AuditStore audit = store.get();
    if (audit == null) {
      throw Problem.unavailable("no audit store is configured (audit: {kind: none})");
    }
    final Caller caller = ctx.attribute("caller");
    final Set<String> only =
        caller.role() == Role.TRADER && !caller.allStrategies() ? caller.strategies() : null;
    final DecisionQuery query;
    try {
      query = DecisionQuery.parse(ctx.queryParamMap(), only);
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest(e.getMessage());
    }
    final AuditStore.Page page;
    try {
      page = audit.decisions(query);
    } catch (SQLException e) {
      throw Problem.unavailable(
          "the audit store (" + audit.description() + ") failed: " + e.getMessage());
    }
    final ObjectNode out = HttpApi.newObject();
    final ArrayNode list = out.putArray("decisions");
    for (DecisionRow d : page.decisions()) {
      write(list.addObject(), d);
    }
    if (page.nextCursor() == null) {
      out.putNull("nextCursor");
    } else {
      out.put("nextCursor", page.nextCursor());
    }
    ctx.contentType("application/json").result(out.toString());
  }

  private static void write(ObjectNode o, DecisionRow d) {
    o.put("sequence", d.sequence());
    o.put("ts", d.ts());
    o.put("orderId", d.orderId());
    o.put("account", d.account());
    o.put("strategy", d.strategy());
    o.put("symbol", d.symbol());
    o.put("side", d.side());
    o.put("quantity", d.quantity());
    o.put("price", d.price());
    o.put("by", d.caller());
    o.put("approved", d.approved());
    o.put("riskReducing", d.riskReducing());
    o.put("rejectedBy", d.rejectedBy());
    final ArrayNode checks = o.putArray("checks");
    for (CheckRow c : d.checks()) {
      final ObjectNode check = checks.addObject();
      check.put("code", c.code());
      check.put("passed", c.passed());
      check.put("value", c.value());
      check.put("limit", c.limit());
      check.put("scope", c.scope());
      check.put("reason", c.reason());
    }
  }
}
