package io.riskgate.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.riskgate.core.Fixed;
import io.riskgate.core.engine.CurrencyView;
import io.riskgate.core.engine.InstrumentView;
import io.riskgate.core.engine.LedgerView;
import io.riskgate.core.engine.PositionView;
import io.riskgate.core.engine.RiskEngine;
import io.riskgate.core.event.Event;
import io.riskgate.core.report.PositionHeadroom;
import io.riskgate.server.codec.EventCodec;
import io.riskgate.server.codec.ReportJson;
import io.riskgate.server.runtime.LedgerSample;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Read-only views of the engine as JSON, built on the engine thread inside a query: positions,
 * exposures, instruments (with their session and the freshness of their price), the report of every
 * ledger (with the engine's risk report under {@code risk} once the engine has a time), and the
 * dashboard figures streamed periodically. Money and quantities are decimal strings (exact), ratios
 * are numbers.
 */
final class Views {
  private Views() {}

  /** A view that also needs the names of accounts and strategies. */
  interface NamedView {
    JsonNode render(RiskEngine engine, List<String> accounts, List<String> strategies);
  }

  static JsonNode positions(RiskEngine engine) {
    final ArrayNode list = HttpApi.newArray();
    for (PositionView p : engine.positions()) {
      final ObjectNode o = list.addObject();
      o.put("strategy", p.strategy());
      o.put("account", p.account());
      o.put("symbol", p.symbol());
      o.put("quantity", Fixed.toString(p.quantity()));
      o.put("cost", Fixed.toString(p.cost()));
      o.put("realizedPnl", Fixed.toString(p.realizedPnl()));
      o.put("unrealizedPnl", Fixed.toString(p.unrealizedPnl()));
      o.put("fees", Fixed.toString(p.fees()));
      o.put("openBuy", Fixed.toString(p.openBuy()));
      o.put("openSell", Fixed.toString(p.openSell()));
      if (p.openedAtNanos() != Long.MIN_VALUE && p.quantity() != 0) {
        o.put("openedAt", EventCodec.formatTime(p.openedAtNanos()));
      }
    }
    final ObjectNode root = HttpApi.newObject();
    root.set("positions", list);
    return root;
  }

  static JsonNode exposures(RiskEngine engine) {
    final Map<String, long[]> bySymbol = new TreeMap<>();
    for (PositionView p : engine.positions()) {
      final long[] sums = bySymbol.computeIfAbsent(p.symbol(), s -> new long[3]);
      sums[0] += p.quantity();
      sums[1] += p.openBuy();
      sums[2] += p.openSell();
    }
    final ObjectNode root = HttpApi.newObject();
    final ObjectNode instruments = root.putObject("instruments");
    bySymbol.forEach(
        (symbol, sums) -> {
          final ObjectNode o = instruments.putObject(symbol);
          o.put("netQuantity", Fixed.toString(sums[0]));
          o.put("openBuy", Fixed.toString(sums[1]));
          o.put("openSell", Fixed.toString(sums[2]));
        });
    root.put("firmGrossExposure", Fixed.toString(engine.ledger("firm").grossExposure()));
    return root;
  }

  /**
   * Every instrument's definition, trading session and the freshness of its price at the engine's
   * time: when it was last priced, whether its market is open, the age counted in the session (in
   * seconds; null with nothing to count from), the age beyond which it is stale, and whether it is.
   */
  static JsonNode instruments(RiskEngine engine) {
    final ArrayNode list = HttpApi.newArray();
    for (InstrumentView v : engine.instruments()) {
      final Event.Instrument d = v.definition();
      final ObjectNode o = list.addObject();
      o.put("symbol", d.symbol());
      o.put("venue", d.venue());
      o.put("currency", d.currency());
      o.put("tickSize", Fixed.toString(d.tickSize()));
      o.put("lotSize", Fixed.toString(d.lotSize()));
      o.put("multiplier", Fixed.toString(d.multiplier()));
      o.put("assetClass", d.assetClass());
      o.put("sector", d.sector());
      o.put("session", d.session().toString());
      if (v.lastPriceNanos() != Long.MIN_VALUE) {
        o.put("lastPriceAt", EventCodec.formatTime(v.lastPriceNanos()));
      }
      o.put("marketOpen", v.marketOpen());
      if (v.priceAgeNanos() == Long.MAX_VALUE) {
        o.putNull("priceAgeSeconds");
      } else {
        o.put("priceAgeSeconds", v.priceAgeNanos() / 1e9);
      }
      o.put("staleAfterSeconds", v.staleLimitNanos() / 1e9);
      o.put("stale", v.stale());
    }
    final ObjectNode root = HttpApi.newObject();
    root.set("instruments", list);
    return root;
  }

  static JsonNode report(RiskEngine engine, List<String> accounts, List<String> strategies) {
    final ObjectNode root = HttpApi.newObject();
    if (engine.timeNanos() != Long.MIN_VALUE) {
      root.put("ts", EventCodec.formatTime(engine.timeNanos()));
    }
    root.put("stateHash", Long.toHexString(engine.stateHash()));
    root.set("ledgers", ledgers(engine, accounts, strategies));
    if (engine.timeNanos() != Long.MIN_VALUE) {
      root.set("risk", ReportJson.toJson(engine.report(engine.timeNanos())));
    }
    root.set("headroom", headroom(engine));
    return root;
  }

  /**
   * The position headroom of every scope in every held instrument, as the engine computes it (the
   * dashboard draws these; it computes none). Money and quantities as numbers; null where the scope
   * sets no position limit.
   */
  static ArrayNode headroom(RiskEngine engine) {
    final ArrayNode list = HttpApi.newArray();
    for (PositionHeadroom h : engine.positionHeadroom()) {
      final ObjectNode o = list.addObject();
      o.put("scope", h.scope());
      o.put("instrument", h.instrument());
      if (h.account() != null) {
        o.put("account", h.account());
      }
      final boolean limited = h.limit() != Long.MAX_VALUE;
      o.put("used", Fixed.toDouble(h.used()));
      if (limited) {
        o.put("limit", Fixed.toDouble(h.limit()));
        o.put("headroom", Fixed.toDouble(h.limit() - h.used()));
        o.put("buyRoom", Fixed.toDouble(h.buyRoom()));
        o.put("sellRoom", Fixed.toDouble(h.sellRoom()));
      } else {
        o.putNull("limit");
        o.putNull("headroom");
        o.putNull("buyRoom");
        o.putNull("sellRoom");
      }
    }
    return list;
  }

  static JsonNode dashboard(RiskEngine engine, List<String> accounts, List<String> strategies) {
    final ObjectNode root = HttpApi.newObject();
    root.put("type", "dashboard");
    if (engine.timeNanos() != Long.MIN_VALUE) {
      root.put("ts", EventCodec.formatTime(engine.timeNanos()));
    }
    root.set("ledgers", ledgers(engine, accounts, strategies));
    return root;
  }

  private static ArrayNode ledgers(
      RiskEngine engine, List<String> accounts, List<String> strategies) {
    final ArrayNode list = HttpApi.newArray();
    ledger(list, engine, engine.ledger("firm"));
    for (String a : accounts) {
      ledger(list, engine, engine.ledger("account:" + a));
    }
    for (String s : strategies) {
      ledger(list, engine, engine.ledger("strategy:" + s));
    }
    return list;
  }

  private static void ledger(ArrayNode list, RiskEngine engine, LedgerView l) {
    final ObjectNode o = list.addObject();
    o.put("scope", l.scope());
    o.put("equity", Fixed.toString(l.equity()));
    o.put("realizedPnl", Fixed.toString(l.realizedPnl()));
    o.put("unrealizedPnl", Fixed.toString(l.unrealizedPnl()));
    o.put("dailyPnl", Fixed.toString(l.dailyPnl()));
    o.put("fees", Fixed.toString(l.fees()));
    o.put("highWaterMark", Fixed.toString(l.highWaterMark()));
    o.put("drawdown", LedgerSample.drawdown(l.equity(), l.highWaterMark()));
    o.put("grossExposure", Fixed.toString(l.grossExposure()));
    o.put("openOrders", l.openOrders());
    o.put("openPositions", l.openPositions());
    o.put("state", l.state().name());
    o.put("killed", l.killed());
    o.put("breaker", engine.breakerState(l.scope()).name());
    if (engine.multiCurrency() && !l.scope().startsWith("strategy:")) {
      // Balances and net exposure per currency, once the engine has met a second currency.
      final ArrayNode currencies = o.putArray("currencies");
      for (CurrencyView c :
          engine.currencies(l.scope().equals("firm") ? null : l.scope().substring(8))) {
        final ObjectNode row = currencies.addObject();
        row.put("currency", c.currency());
        row.put("cash", Fixed.toString(c.cash()));
        row.put("positions", Fixed.toString(c.positions()));
        row.put("net", Fixed.toString(c.net()));
        row.put("netInAccountCurrency", Fixed.toString(c.netInAccountCurrency()));
      }
    }
  }
}
