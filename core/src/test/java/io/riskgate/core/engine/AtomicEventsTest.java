package io.riskgate.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.core.Fixed;
import io.riskgate.core.check.CheckCode;
import io.riskgate.core.check.Decision;
import io.riskgate.core.event.Event;
import io.riskgate.core.event.Side;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every event is applied whole or refused with no change, whatever its magnitudes: amounts beyond
 * {@link Fixed#MAX_AMOUNT} are a rejection (orders) or a refusal (fills, prices, transfers), never
 * an overflow half-way through. Each test keeps the accepted events as a journal and requires a
 * fresh engine replaying it to reach the live engine's state hash.
 */
class AtomicEventsTest {
  private static final long T0 = EngineFixture.T0;
  private static final long SECOND = EngineFixture.SECOND;

  /** The live engine and the journal of the events it accepted. */
  private final List<Event> journal = new ArrayList<>();

  private final List<Decision> decisions = new ArrayList<>();
  private final RiskEngine live =
      new RiskEngine(
          EngineFixture.noDefaults(),
          new OutputSink() {
            @Override
            public void onDecision(Decision decision) {
              decisions.add(decision.copy());
            }
          });

  private void accept(Event event) {
    live.apply(event);
    journal.add(event);
  }

  /** Applies an event the engine must refuse, and requires that nothing changed. */
  private IllegalArgumentException refuse(Event event) {
    final long before = live.stateHash();
    final IllegalArgumentException refused =
        assertThrows(IllegalArgumentException.class, () -> live.apply(event));
    assertEquals(before, live.stateHash(), "a refused " + event.type() + " changed the state");
    return refused;
  }

  private long replayedHash() {
    final RiskEngine replay = new RiskEngine(EngineFixture.noDefaults(), new OutputSink() {});
    journal.forEach(replay::apply);
    return replay.stateHash();
  }

  private void world() {
    accept(new Event.Account(T0, "A1", Fixed.ofLong(1_000_000), "USD"));
    accept(new Event.Strategy(T0, "S1", "A1", Fixed.ofLong(500_000)));
    accept(
        new Event.Instrument(
            Event.NO_TIME,
            "XYZ",
            "XNAS",
            "USD",
            Fixed.parse("0.00000001"),
            Fixed.ONE,
            Fixed.ONE,
            "equity",
            "tech"));
  }

  @Test
  void aQuoteWhoseSidesSumBeyondALongHasItsMidAndTheNextPriceIsAccepted() {
    world();
    // bid + ask overflows a long; the mid must not (it once did, and the next price's sample of
    // that negative close was refused after the clock had moved).
    final long huge = Long.MAX_VALUE / 2 + 1;
    accept(new Event.Price(T0 + SECOND, "XYZ", huge, huge + 2, 0));
    accept(new Event.Price(T0 + 2 * 86_400 * SECOND, "XYZ", 0, 0, Fixed.ofLong(100)));
    accept(new Event.Price(T0 + 4 * 86_400 * SECOND, "XYZ", 0, 0, Fixed.ofLong(101)));
    assertEquals(replayedHash(), live.stateHash());
  }

  @Test
  void fatFingerOrderIsRejectedWithItsNotionalAndLeavesReplayEqualToLive() {
    world();
    final long price = Fixed.parse("99889692.41357375");
    accept(new Event.Price(T0 + SECOND, "XYZ", 0, 0, price));
    // 1,000 × 99,889,692.41 ≈ 9.99 × 10¹⁰: beyond a long of 10⁻⁸ units, not just beyond a limit.
    accept(
        new Event.Order(
            T0 + 2 * SECOND, "o1", "A1", "S1", "XYZ", Side.BUY, Fixed.ofLong(1000), price, 0));
    final Decision d = decisions.get(decisions.size() - 1);
    assertFalse(d.approved());
    assertEquals(CheckCode.ORDER_NOTIONAL_LIMIT, d.firstFailure());
    final Decision.Check failed = d.checks().get(d.checks().size() - 1);
    assertEquals(9.988969241357375e10, failed.value(), 1e3);
    assertEquals(1e10, failed.limit());
    assertEquals(replayedHash(), live.stateHash());
    // The order id is used up by the rejection, live and in the replay alike.
    accept(
        new Event.Order(T0 + 3 * SECOND, "o1", "A1", "S1", "XYZ", Side.BUY, Fixed.ONE, price, 0));
    assertEquals(CheckCode.DUPLICATE_ORDER, decisions.get(decisions.size() - 1).firstFailure());
    assertEquals(replayedHash(), live.stateHash());
  }

  @Test
  void orderWhoseResultingExposureLeavesTheRangeIsRejectedAtThatScope() {
    world();
    final long price = Fixed.ofLong(60_000_000); // 60 M a unit
    accept(new Event.Price(T0 + SECOND, "XYZ", 0, 0, price));
    for (int i = 0; i < 160; i++) { // 160 × 60 M = 9.6 bn open, then one more
      accept(
          new Event.Order(
              T0 + (2 + i) * SECOND, "o" + i, "A1", "S1", "XYZ", Side.BUY, Fixed.ONE, price, 0));
      assertTrue(decisions.get(decisions.size() - 1).approved(), "order " + i);
    }
    for (int i = 160; i < 170; i++) {
      accept(
          new Event.Order(
              T0 + (2 + i) * SECOND, "o" + i, "A1", "S1", "XYZ", Side.BUY, Fixed.ONE, price, 0));
    }
    final Decision d = decisions.get(decisions.size() - 1);
    assertEquals(CheckCode.INVALID_ORDER, d.firstFailure());
    assertTrue(d.checks().toString().contains("resulting gross exposure"), d.checks().toString());
    assertEquals(replayedHash(), live.stateHash());
  }

  @Test
  void fillBeyondTheRangeIsRefusedBeforeItReleasesTheOrder() {
    world();
    accept(new Event.Price(T0 + SECOND, "XYZ", 0, 0, Fixed.ofLong(100)));
    accept(
        new Event.Order(
            T0 + 2 * SECOND,
            "o1",
            "A1",
            "S1",
            "XYZ",
            Side.BUY,
            Fixed.ofLong(1000),
            Fixed.ofLong(100),
            0));
    // The venue reports a fill price in the wrong unit: 1,000 × 92,000,000,000 overflows.
    final IllegalArgumentException refused =
        refuse(
            new Event.Fill(
                T0 + 3 * SECOND, "f1", "o1", Fixed.ofLong(1000), Fixed.ofLong(92_000_000_000L), 0));
    assertTrue(refused.getMessage().contains("\"price\""), refused.getMessage());
    // A fee beyond the range is refused too, and the order is still open for the real fill.
    refuse(
        new Event.Fill(
            T0 + 3 * SECOND,
            "f1",
            "o1",
            Fixed.ofLong(1000),
            Fixed.ofLong(100),
            Fixed.ofLong(90_000_000_000L)));
    accept(new Event.Fill(T0 + 3 * SECOND, "f1", "o1", Fixed.ofLong(1000), Fixed.ofLong(100), 0));
    assertEquals(Fixed.ofLong(1000), live.positions().get(0).quantity());
    assertEquals(replayedHash(), live.stateHash());
  }

  @Test
  void priceThatWouldValueAPositionBeyondTheRangeIsRefusedWithNothingMarked() {
    world();
    accept(new Event.Price(T0 + SECOND, "XYZ", 0, 0, Fixed.ofLong(100)));
    accept(
        new Event.Order(
            T0 + 2 * SECOND,
            "o1",
            "A1",
            "S1",
            "XYZ",
            Side.BUY,
            Fixed.ofLong(10_000),
            Fixed.ofLong(100),
            0));
    accept(new Event.Fill(T0 + 3 * SECOND, "f1", "o1", Fixed.ofLong(10_000), Fixed.ofLong(100), 0));
    // 10,000 × 90,000,000,000 cannot be valued; the last good price stays in force.
    refuse(new Event.Price(T0 + 4 * SECOND, "XYZ", 0, 0, Fixed.ofLong(90_000_000_000L)));
    refuse(new Event.Price(T0 + 4 * SECOND, "XYZ", 0, 0, Fixed.ofLong(2_000_000)));
    refuse(
        new Event.Bar(
            T0 + 4 * SECOND,
            "XYZ",
            Fixed.ofLong(100),
            Fixed.ofLong(2_000_000),
            Fixed.ofLong(100),
            Fixed.ofLong(2_000_000),
            Fixed.ONE));
    accept(new Event.Price(T0 + 4 * SECOND, "XYZ", 0, 0, Fixed.ofLong(101)));
    assertEquals(Fixed.ofLong(10_000), live.positions().get(0).unrealizedPnl());
    assertEquals(replayedHash(), live.stateHash());
  }

  @Test
  void rateThatWouldValueAForeignPositionBeyondTheRangeIsRefusedWithNothingMarked() {
    world();
    accept(
        new Event.Instrument(
            Event.NO_TIME,
            "SAP",
            "XETR",
            "EUR",
            Fixed.parse("0.01"),
            Fixed.ONE,
            Fixed.ONE,
            "equity",
            "tech"));
    accept(new Event.FxRate(T0 + SECOND, "EUR", "USD", Fixed.parse("1.08"), Fixed.parse("1.08")));
    accept(new Event.Price(T0 + SECOND, "SAP", 0, 0, Fixed.ofLong(100)));
    accept(
        new Event.Order(
            T0 + 2 * SECOND,
            "o1",
            "A1",
            "S1",
            "SAP",
            Side.BUY,
            Fixed.ofLong(10_000),
            Fixed.ofLong(100),
            0));
    accept(new Event.Fill(T0 + 3 * SECOND, "f1", "o1", Fixed.ofLong(10_000), Fixed.ofLong(100), 0));
    // 1,000,000 EUR at 20,000 USD each is beyond the range; the rate in force stays.
    final IllegalArgumentException e =
        refuse(
            new Event.FxRate(
                T0 + 4 * SECOND, "EUR", "USD", Fixed.ofLong(20_000), Fixed.ofLong(20_000)));
    assertTrue(e.getMessage().contains("EUR/USD"), e.getMessage());
    // Out of order.
    refuse(new Event.FxRate(T0, "EUR", "USD", Fixed.parse("1.1"), Fixed.parse("1.1")));
    accept(new Event.FxRate(T0 + 4 * SECOND, "EUR", "USD", Fixed.parse("1.1"), Fixed.parse("1.1")));
    accept(new Event.Price(T0 + 5 * SECOND, "SAP", 0, 0, Fixed.ofLong(101)));
    assertEquals(Fixed.ofLong(11_000), live.positions().get(0).unrealizedPnl());
    assertEquals(replayedHash(), live.stateHash());
  }

  @Test
  void capitalAndTransfersBeyondTheRangeAreRefused() {
    world();
    refuse(new Event.Transfer(T0 + SECOND, "A1", Fixed.ofLong(90_000_000_000L)));
    refuse(new Event.Account(T0 + SECOND, "A2", Fixed.ofLong(9_999_999_999L), "USD"));
    accept(new Event.Account(T0 + SECOND, "A2", Fixed.ofLong(1_000_000), "USD"));
    assertEquals(replayedHash(), live.stateHash());
  }

  @Test
  void instrumentWithAnOpenOrderCannotBeRedefinedUntilItIsClosed() {
    world();
    accept(new Event.Price(T0 + SECOND, "XYZ", 0, 0, Fixed.ofLong(100)));
    accept(
        new Event.Order(
            T0 + 2 * SECOND, "o1", "A1", "S1", "XYZ", Side.BUY, Fixed.ONE, Fixed.ofLong(100), 0));
    final Event tenfold =
        new Event.Instrument(
            T0 + 3 * SECOND,
            "XYZ",
            "XNAS",
            "USD",
            Fixed.parse("0.01"),
            Fixed.ONE,
            Fixed.ofLong(10),
            "equity",
            "tech");
    final IllegalArgumentException refused = refuse(tenfold);
    assertEquals(EventRefusedException.Kind.CONFLICT, ((EventRefusedException) refused).kind());
    accept(new Event.Cancel(T0 + 3 * SECOND, "o1"));
    accept(tenfold);
    assertEquals(replayedHash(), live.stateHash());
  }

  @Test
  void amendBeyondTheRangeIsRejectedAndTheOrderStaysAsItWas() {
    world();
    final long price = Fixed.ofLong(100);
    accept(new Event.Price(T0 + SECOND, "XYZ", 0, 0, price));
    accept(
        new Event.Order(T0 + 2 * SECOND, "o1", "A1", "S1", "XYZ", Side.BUY, Fixed.ONE, price, 0));
    // 1,000,000,000 × 100 = 10¹¹: beyond the range, answered by a rejection, not an overflow.
    accept(new Event.Amend(T0 + 3 * SECOND, "o1", Fixed.ofLong(1_000_000_000), 0));
    final Decision d = decisions.get(decisions.size() - 1);
    assertTrue(d.amend());
    assertEquals(CheckCode.ORDER_NOTIONAL_LIMIT, d.firstFailure());
    assertEquals(Fixed.ONE, live.positions().get(0).openBuy());
    accept(new Event.Amend(T0 + 4 * SECOND, "o1", 0, Fixed.ofLong(92_000_000_000L)));
    assertEquals(
        CheckCode.ORDER_NOTIONAL_LIMIT, decisions.get(decisions.size() - 1).firstFailure());
    assertEquals(Fixed.ONE, live.positions().get(0).openBuy());
    accept(new Event.Fill(T0 + 5 * SECOND, "f1", "o1", Fixed.ONE, price, 0));
    assertEquals(Fixed.ONE, live.positions().get(0).quantity());
    assertEquals(replayedHash(), live.stateHash());
  }
}
