package io.riskgate.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.core.Fixed;
import io.riskgate.core.event.Event;
import io.riskgate.core.event.Side;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A busted fill leaves the position, realized PnL and fees exactly as if it had never been
 * reported, and a corrected one as if it had been reported corrected: each scenario runs beside a
 * reference engine that saw only the surviving (or corrected) fills, and the two agree to the last
 * unit. Only the latest fill on a position, one that did not close or reverse it, can be busted or
 * corrected: the realized PnL of any later fill depends on the average price the earlier one set,
 * and a closed trade is already in the statistics and the breakers.
 */
class TradeBustTest {
  private final EngineFixture live = new EngineFixture(EngineFixture.noDefaults());
  private final EngineFixture reference = new EngineFixture(EngineFixture.noDefaults());
  private final List<Event> journal = new ArrayList<>();

  private void both(Event event) {
    live.engine.apply(event);
    reference.engine.apply(event);
    journal.add(event);
  }

  private void liveOnly(Event event) {
    live.engine.apply(event);
    journal.add(event);
  }

  private long t = EngineFixture.T0;

  private long ts() {
    return t += EngineFixture.SECOND;
  }

  private Event order(String id, Side side, long quantity) {
    return new Event.Order(ts(), id, "A1", "S1", "AAA", side, Fixed.ofLong(quantity), 0, 0);
  }

  private Event fill(String fillId, String orderId, long quantity, String price, String fee) {
    return new Event.Fill(
        ts(), fillId, orderId, Fixed.ofLong(quantity), Fixed.parse(price), Fixed.parse(fee));
  }

  private void requireSameBooks() {
    assertEquals(reference.engine.positions(), live.engine.positions());
    for (String scope : new String[] {"strategy:S1", "account:A1", "firm"}) {
      final LedgerView a = live.engine.ledger(scope);
      final LedgerView b = reference.engine.ledger(scope);
      assertEquals(b.realizedPnl(), a.realizedPnl(), scope);
      assertEquals(b.fees(), a.fees(), scope);
      assertEquals(b.unrealizedPnl(), a.unrealizedPnl(), scope);
      assertEquals(b.equity(), a.equity(), scope);
      assertEquals(b.grossExposure(), a.grossExposure(), scope);
      assertEquals(b.openPositions(), a.openPositions(), scope);
    }
    final EngineFixture replay = new EngineFixture(EngineFixture.noDefaults());
    journal.forEach(replay.engine::apply);
    assertEquals(live.engine.stateHash(), replay.engine.stateHash());
    assertEquals(
        live.engine.stateHash(),
        RiskEngine.readSnapshot(
                live.engine.writeSnapshot(), live.engine.config(), new OutputSink() {})
            .stateHash());
  }

  @Test
  void bustOfTheLatestFillRestoresPositionPnlAndFeesExactly() {
    both(new Event.Price(ts(), "AAA", 0, 0, Fixed.ofLong(100)));
    both(order("o1", Side.BUY, 10));
    both(fill("f1", "o1", 10, "100", "1"));
    liveOnly(order("o2", Side.BUY, 10));
    liveOnly(fill("f2", "o2", 10, "110.37", "2.5"));
    assertEquals(Fixed.parse("2103.7"), live.engine.positions().get(0).cost());
    both(new Event.Price(ts(), "AAA", 0, 0, Fixed.ofLong(120)));
    liveOnly(new Event.TradeBust(ts(), "f2"));
    final PositionView p = live.engine.positions().get(0);
    assertEquals(Fixed.ofLong(10), p.quantity());
    assertEquals(Fixed.ofLong(1000), p.cost());
    assertEquals(Fixed.ONE, p.fees());
    assertEquals(Fixed.ofLong(200), p.unrealizedPnl());
    requireSameBooks();
    // The fill before it is not kept: it cannot be busted in turn.
    final IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () -> live.engine.apply(new Event.TradeBust(ts(), "f1")));
    assertEquals(EventRefusedException.Kind.CONFLICT, ((EventRefusedException) refused).kind());
  }

  @Test
  void bustOfAReducingFillGivesBackItsRealizedPnl() {
    both(new Event.Price(ts(), "AAA", 0, 0, Fixed.ofLong(100)));
    both(order("o1", Side.BUY, 10));
    both(fill("f1", "o1", 10, "100", "1"));
    liveOnly(order("o2", Side.SELL, 4));
    liveOnly(fill("f2", "o2", 4, "120", "0.5"));
    assertEquals(Fixed.ofLong(80), live.engine.ledger("strategy:S1").realizedPnl());
    liveOnly(new Event.TradeBust(ts(), "f2"));
    assertEquals(0, live.engine.ledger("strategy:S1").realizedPnl());
    requireSameBooks();
  }

  @Test
  void correctionIsAsIfTheFillHadBeenReportedCorrected() {
    both(new Event.Price(ts(), "AAA", 0, 0, Fixed.ofLong(100)));
    both(order("o1", Side.BUY, 10));
    both(fill("f1", "o1", 10, "100", "1"));
    both(order("o2", Side.SELL, 4));
    liveOnly(fill("f2", "o2", 4, "120", "0.5"));
    reference.engine.apply(fill("f2", "o2", 3, "115.5", "0.25"));
    liveOnly(
        new Event.TradeCorrect(
            ts(), "f2", Fixed.ofLong(3), Fixed.parse("115.5"), Fixed.parse("0.25")));
    // 3 × (115.5 − 100) = 46.5 realized; fees 1.25.
    assertEquals(Fixed.parse("46.5"), live.engine.ledger("strategy:S1").realizedPnl());
    assertEquals(Fixed.parse("1.25"), live.engine.ledger("strategy:S1").fees());
    // The order's last unit is not given back: the reference cancels what it left open.
    reference.engine.apply(new Event.Cancel(t, "o2"));
    requireSameBooks();
    // The corrected fill is still the latest: it can be busted.
    liveOnly(new Event.TradeBust(ts(), "f2"));
    assertEquals(0, live.engine.ledger("strategy:S1").realizedPnl());
    assertEquals(Fixed.ofLong(10), live.engine.positions().get(0).quantity());
  }

  @Test
  void onlyTheLatestFillThatKeptThePositionOpenCanBeBusted() {
    both(new Event.Price(ts(), "AAA", 0, 0, Fixed.ofLong(100)));
    liveOnly(order("o1", Side.BUY, 10));
    liveOnly(fill("f1", "o1", 5, "100", "0"));
    liveOnly(fill("f2", "o1", 5, "101", "0"));
    final long before = live.engine.stateHash();
    final IllegalArgumentException earlier =
        assertThrows(
            IllegalArgumentException.class,
            () -> live.engine.apply(new Event.TradeBust(ts(), "f1")));
    assertTrue(earlier.getMessage().contains("not the latest fill"), earlier.getMessage());
    liveOnly(order("o2", Side.SELL, 10));
    liveOnly(fill("f3", "o2", 10, "102", "0"));
    assertThrows(
        IllegalArgumentException.class, () -> live.engine.apply(new Event.TradeBust(ts(), "f3")));
    final IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> live.engine.apply(new Event.TradeBust(ts(), "nope")));
    assertEquals(EventRefusedException.Kind.NOT_FOUND, ((EventRefusedException) unknown).kind());
    assertTrue(before != live.engine.stateHash());
    final long hash = live.engine.stateHash();
    assertThrows(
        IllegalArgumentException.class,
        () ->
            live.engine.apply(new Event.TradeCorrect(ts(), "f3", Fixed.ofLong(11), Fixed.ONE, 0)));
    assertEquals(hash, live.engine.stateHash());
  }
}
