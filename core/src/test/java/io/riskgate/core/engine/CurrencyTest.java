package io.riskgate.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.core.Fixed;
import io.riskgate.core.check.CheckCode;
import io.riskgate.core.check.Decision;
import io.riskgate.core.event.Event;
import io.riskgate.core.event.Side;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.monitor.Alert;
import io.riskgate.core.sizing.SizingStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Accounts in one currency trading instruments in others: every figure below is computed by hand
 * from the rules of {@link FxPath} (a long and a gain at the low side of the conversion, a short, a
 * loss, a fee and an exposure at the high side; each leg rounded half-even to 10⁻⁸).
 */
class CurrencyTest {
  private static final long T0 = EngineFixture.T0;
  private static final long SECOND = EngineFixture.SECOND;

  private final List<Decision> decisions = new ArrayList<>();
  private final List<Alert> alerts = new ArrayList<>();
  private final List<SizeAnswer> sizes = new ArrayList<>();
  private final List<Event> journal = new ArrayList<>();
  private final RiskEngine engine =
      new RiskEngine(
          EngineFixture.noDefaults(),
          new OutputSink() {
            @Override
            public void onDecision(Decision decision) {
              decisions.add(decision.copy());
            }

            @Override
            public void onAlert(Alert alert) {
              if (alert.code().equals("NO_FX_RATE")) {
                alerts.add(alert);
              }
            }

            @Override
            public void onSize(SizeAnswer answer) {
              sizes.add(answer);
            }
          });
  private long time = T0;
  private int orders;
  private int fills;

  private void apply(Event event) {
    engine.apply(event);
    journal.add(event);
  }

  private void world(String accountCurrency) {
    apply(new Event.Account(T0, "A1", Fixed.ofLong(1_000_000), accountCurrency));
    apply(new Event.Strategy(T0, "S1", "A1", Fixed.ofLong(500_000)));
    instrument("SAP", "EUR", "0.01");
    instrument("TM", "JPY", "1");
    instrument("AAA", null, "0.01");
  }

  private void instrument(String symbol, String currency, String tick) {
    apply(
        new Event.Instrument(
            Event.NO_TIME,
            symbol,
            "X",
            currency,
            Fixed.parse(tick),
            Fixed.ONE,
            Fixed.ONE,
            "equity",
            "tech"));
  }

  private long tick() {
    return time += SECOND;
  }

  private void rate(String base, String quote, String bid, String ask) {
    apply(new Event.FxRate(tick(), base, quote, Fixed.parse(bid), Fixed.parse(ask)));
  }

  private void price(String symbol, String bid, String ask) {
    apply(new Event.Price(tick(), symbol, Fixed.parse(bid), Fixed.parse(ask), 0));
  }

  private Decision order(String symbol, Side side, String quantity, String price) {
    final String id = "o" + ++orders;
    apply(
        new Event.Order(
            tick(), id, "A1", "S1", symbol, side, Fixed.parse(quantity), Fixed.parse(price), 0));
    return decisions.get(decisions.size() - 1);
  }

  /** An approved order filled whole at its price. */
  private void trade(String symbol, Side side, String quantity, String price, String fee) {
    final Decision d = order(symbol, side, quantity, price);
    assertTrue(d.approved(), () -> "rejected by " + d.firstFailure() + ": " + d.checks());
    apply(
        new Event.Fill(
            tick(),
            "f" + ++fills,
            "o" + orders,
            Fixed.parse(quantity),
            Fixed.parse(price),
            Fixed.parse(fee)));
  }

  private PositionView position(String symbol) {
    return engine.positions().stream()
        .filter(p -> p.symbol().equals(symbol))
        .findFirst()
        .orElseThrow();
  }

  private static long money(String text) {
    return Fixed.parse(text);
  }

  private long replayedHash() {
    final RiskEngine replay = new RiskEngine(EngineFixture.noDefaults(), new OutputSink() {});
    journal.forEach(replay::apply);
    return replay.stateHash();
  }

  @Test
  void usdAccountTradesAEuroAndAYenStockThroughMovingRatesExactToTheCent() {
    world("USD");
    rate("EUR", "USD", "1.0800", "1.0802");
    rate("USD", "JPY", "150.00", "150.02");
    price("SAP", "100.00", "100.02");
    trade("SAP", Side.BUY, "100", "100.02", "0");
    // 100 × 100.00 − 10,002 = −2 EUR, a long at the bid: −2 × 1.08.
    assertEquals(money("-2.16"), position("SAP").unrealizedPnl());
    // Exposure: 100 at the mid 100.01 = 10,001 EUR at the ask 1.0802.
    assertEquals(money("10803.0802"), engine.ledger("account:A1").grossExposure());

    rate("EUR", "USD", "1.1000", "1.1002");
    assertEquals(money("-2.20"), position("SAP").unrealizedPnl());
    assertEquals(money("11003.1002"), engine.ledger("account:A1").grossExposure());
    price("SAP", "101.00", "101.02");
    assertEquals(money("107.80"), position("SAP").unrealizedPnl()); // 98 EUR × 1.10

    // A partial close: 40 of the cost 10,002 is 4,000.80, sold for 4,040: 39.20 EUR at 1.10; the
    // fee of 1 EUR at the ask 1.1002. Both booked at the rate of the fill.
    trade("SAP", Side.SELL, "40", "101.00", "1");
    assertEquals(money("43.12"), position("SAP").realizedPnl());
    assertEquals(money("1.1002"), position("SAP").fees());
    assertEquals(money("6001.20"), position("SAP").cost()); // in EUR
    assertEquals(money("64.68"), position("SAP").unrealizedPnl()); // (6,060 − 6,001.20) × 1.10
    final LedgerView account = engine.ledger("account:A1");
    assertEquals(money("43.12"), account.realizedPnl());
    assertEquals(money("1.1002"), account.fees());
    assertEquals(money("1000106.6998"), account.equity());

    // Balances: the EUR position is financed in EUR (cash −6,001.20 against 6,060 of stock); the
    // realized PnL and the fee are in USD. The nets, converted, sum to the equity.
    final List<CurrencyView> currencies = engine.currencies("A1");
    assertEquals(
        List.of(
            new CurrencyView(
                "USD", money("1000042.0198"), 0, money("1000042.0198"), money("1000042.0198")),
            new CurrencyView(
                "EUR", money("-6001.20"), money("6060"), money("58.80"), money("64.68"))),
        currencies);
    assertEquals(
        account.equity(), currencies.stream().mapToLong(CurrencyView::netInAccountCurrency).sum());

    // The yen stock, converted through the inverse pair USD/JPY: a long's value divided by the
    // ask. −100 JPY / 150.02 = −0.66657779 (half-even); then the yen strengthens.
    price("TM", "2000", "2001");
    trade("TM", Side.BUY, "100", "2001", "0");
    assertEquals(money("-0.66657779"), position("TM").unrealizedPnl());
    assertEquals(money("64.01342221"), engine.ledger("account:A1").unrealizedPnl());
    rate("USD", "JPY", "140.00", "140.02");
    assertEquals(money("-0.71418369"), position("TM").unrealizedPnl());
    price("TM", "2010", "2011");
    trade("TM", Side.SELL, "100", "2010", "0");
    assertEquals(money("6.42765319"), position("TM").realizedPnl()); // 900 JPY / 140.02

    // Close the rest of the euro stock: 6,030 − 6,001.20 = 28.80 EUR × 1.10 = 31.68.
    trade("SAP", Side.SELL, "60", "100.50", "0");
    final LedgerView flat = engine.ledger("account:A1");
    assertEquals(money("81.22765319"), flat.realizedPnl()); // 43.12 + 6.42765319 + 31.68
    assertEquals(0, flat.unrealizedPnl());
    assertEquals(money("1000080.12745319"), flat.equity());
    // Round trip: nothing left in EUR or JPY, every cent in USD.
    assertEquals(
        List.of(
            new CurrencyView(
                "USD",
                money("1000080.12745319"),
                0,
                money("1000080.12745319"),
                money("1000080.12745319"))),
        engine.currencies("A1"));
    assertEquals(flat.equity(), engine.ledger("firm").equity());
    assertEquals(replayedHash(), engine.stateHash());
  }

  @Test
  void aShortIsValuedAtTheAskSideOfTheConversion() {
    world("USD");
    rate("EUR", "USD", "1.0800", "1.0802");
    price("SAP", "100.00", "100.02");
    trade("SAP", Side.SELL, "100", "100.00", "0");
    // −(100 × 100.02) + 10,000 = −2 EUR, a short at the ask: −2 × 1.0802 (a long would be × 1.08).
    assertEquals(money("-2.1604"), position("SAP").unrealizedPnl());
    price("SAP", "99.00", "99.02");
    assertEquals(money("105.8596"), position("SAP").unrealizedPnl()); // 98 × 1.0802
  }

  @Test
  void aConversionWithoutADirectPairTriangulatesThroughUsdUntilOneArrives() {
    world("EUR");
    rate("USD", "JPY", "150.00", "150.02");
    rate("EUR", "USD", "1.0800", "1.0802");
    price("TM", "2000", "2001");
    trade("TM", Side.BUY, "100", "2001", "0");
    // JPY → USD → EUR, both legs inverse: −100 / 150.02 = −0.66657779, / 1.0802 = −0.61708738.
    assertEquals(money("-0.61708738"), position("TM").unrealizedPnl());
    // Exposure 200,050 JPY at the high side: / 150 = 1,333.66666667, / 1.08 = 1,234.87654321.
    assertEquals(money("1234.87654321"), engine.ledger("account:A1").grossExposure());
    // A direct pair takes over: one leg, −100 / 162.05.
    rate("EUR", "JPY", "162.00", "162.05");
    assertEquals(money("-0.61709349"), position("TM").unrealizedPnl());
    assertEquals(replayedHash(), engine.stateHash());
  }

  @Test
  void anOrderWithoutARateIsRejectedNamingThePairAndNeverValuedAtADefault() {
    world("USD");
    price("SAP", "100.00", "100.02");
    final Decision d = order("SAP", Side.BUY, "10", "100.02");
    assertFalse(d.approved());
    assertEquals(CheckCode.NO_FX_RATE, d.firstFailure());
    assertTrue(d.checks().toString().contains("EUR/USD"), d.checks().toString());
    // An instrument in the account currency (explicit or by default) needs no rate.
    price("AAA", "10.00", "10.02");
    assertTrue(order("AAA", Side.BUY, "10", "10.02").approved());
    // A rate of another pair does not help; the order is rejected again.
    rate("GBP", "USD", "1.27", "1.2702");
    assertEquals(CheckCode.NO_FX_RATE, order("SAP", Side.BUY, "10", "100.02").firstFailure());
    rate("EUR", "USD", "1.08", "1.0802");
    assertTrue(order("SAP", Side.BUY, "10", "100.02").approved());
  }

  @Test
  void aStaleRateRejectsOrdersBeyondMaxFxAgeAndRaisesAnAlertForTheHeldPosition() {
    world("USD");
    apply(
        new Event.Limits(
            tick(), Scope.FIRM, Map.of(Limit.MAX_FX_AGE_SECONDS, Fixed.ofLong(60)), "risk"));
    rate("EUR", "USD", "1.0800", "1.0802");
    final long rateTime = time;
    price("SAP", "100.00", "100.02");
    trade("SAP", Side.BUY, "10", "100.02", "0");
    // At 60 s the rate is still usable (equal passes), at 61 s it is not.
    time = rateTime + 59 * SECOND;
    final Decision atLimit = order("SAP", Side.BUY, "10", "100.02");
    assertTrue(atLimit.approved(), atLimit.checks().toString());
    assertTrue(alerts.isEmpty());
    time = rateTime + 60 * SECOND;
    final Decision beyond = order("SAP", Side.BUY, "10", "100.02");
    assertEquals(CheckCode.NO_FX_RATE, beyond.firstFailure());
    assertTrue(beyond.checks().toString().contains("EUR/USD"), beyond.checks().toString());
    // The held position cannot be valued any more: one alert, raised on the transition.
    assertEquals(1, alerts.size());
    assertEquals("NO_FX_RATE", alerts.get(0).code());
    assertTrue(alerts.get(0).raised());
    assertTrue(alerts.get(0).message().contains("EUR/USD"), alerts.get(0).message());
    apply(new Event.Timer(tick()));
    assertEquals(1, alerts.size());
    // The unrealized PnL keeps the last rate meanwhile (never a default of 0 or 1).
    assertEquals(money("-0.216"), position("SAP").unrealizedPnl());
    rate("EUR", "USD", "1.0800", "1.0802");
    assertEquals(2, alerts.size());
    assertFalse(alerts.get(1).raised());
    assertTrue(order("SAP", Side.BUY, "10", "100.02").approved());
    assertEquals(replayedHash(), engine.stateHash());
  }

  @Test
  void badRatesAndRatesOutOfOrderAreRefusedChangingNothing() {
    world("USD");
    rate("EUR", "USD", "1.08", "1.0802");
    final long before = engine.stateHash();
    assertThrows(
        IllegalArgumentException.class,
        () ->
            engine.apply(
                new Event.FxRate(time - SECOND, "EUR", "USD", money("1.1"), money("1.1"))));
    assertEquals(before, engine.stateHash());
    assertThrows(
        IllegalArgumentException.class,
        () -> new Event.FxRate(time, "EUR", "USD", money("1.1"), money("1.09")));
    assertThrows(IllegalArgumentException.class, () -> new Event.FxRate(time, "EUR", "USD", 0, 1));
    assertThrows(
        IllegalArgumentException.class, () -> new Event.FxRate(time, "EUR", "USD", -1, money("1")));
    assertThrows(
        IllegalArgumentException.class, () -> new Event.FxRate(time, "EUR", "EUR", 1, money("1")));
    assertThrows(
        IllegalArgumentException.class, () -> new Event.FxRate(time, "eur", "USD", 1, money("1")));
    assertThrows(IllegalArgumentException.class, () -> Event.FxRate.parsePair("EURUSD"));
    assertThrows(IllegalArgumentException.class, () -> Event.FxRate.parsePair("EUR/USD/JPY"));
    assertArrayEquals(new String[] {"USDT", "USD"}, Event.FxRate.parsePair("USDT/USD"));
  }

  @Test
  void accountsOfOneEngineShareOneCurrency() {
    world("USD");
    final IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> engine.apply(new Event.Account(T0, "A2", Fixed.ofLong(1_000), "EUR")));
    assertTrue(e.getMessage().contains("EUR differs from USD"), e.getMessage());
  }

  @Test
  void currencyExposureBeyondItsFractionOfEquityRejectsRiskIncreasingOrders() {
    world("USD");
    rate("EUR", "USD", "1.10", "1.1002");
    price("SAP", "100.00", "100.02");
    trade("SAP", Side.BUY, "100", "100.02", "0");
    price("SAP", "110.00", "110.02");
    // Net EUR exposure: 100 × 110 − 10,002 = 998 EUR × 1.10 = 1,097.80 USD, of 1,001,097.80.
    assertEquals(money("1097.80"), position("SAP").unrealizedPnl());
    apply(
        new Event.Limits(
            tick(),
            Scope.parse("account:A1"),
            Map.of(Limit.MAX_CURRENCY_EXPOSURE, money("0.001")),
            "risk"));
    final Decision d = order("SAP", Side.BUY, "1", "110.02");
    assertEquals(CheckCode.CURRENCY_EXPOSURE_LIMIT, d.firstFailure());
    // Reducing is allowed; a dollar stock is not measured.
    assertTrue(order("SAP", Side.SELL, "50", "110.00").approved());
    price("AAA", "10", "10.02");
    assertTrue(order("AAA", Side.BUY, "1", "10.02").approved());
    apply(
        new Event.Limits(
            tick(),
            Scope.parse("account:A1"),
            Map.of(Limit.MAX_CURRENCY_EXPOSURE, money("0.0011")),
            "risk"));
    assertTrue(order("SAP", Side.BUY, "1", "110.02").approved());
  }

  @Test
  void snapshotsCarryRatesAndConversionsAndReplayEqualsLive() {
    world("USD");
    rate("EUR", "USD", "1.0800", "1.0802");
    rate("USD", "JPY", "150.00", "150.02");
    price("SAP", "100.00", "100.02");
    trade("SAP", Side.BUY, "100", "100.02", "0.5");
    final byte[] snapshot = engine.writeSnapshot();
    final RiskEngine restored =
        RiskEngine.readSnapshot(snapshot, engine.config(), new OutputSink() {});
    assertEquals(engine.stateHash(), restored.stateHash());
    assertArrayEquals(snapshot, restored.writeSnapshot());
    // The restored engine goes on as the live one does.
    final Event next = new Event.FxRate(tick(), "EUR", "USD", money("1.2"), money("1.2002"));
    apply(next);
    restored.apply(next);
    assertEquals(engine.stateHash(), restored.stateHash());
    assertEquals(replayedHash(), engine.stateHash());
    assertEquals(2, restored.fxRates().size());
  }

  @Test
  void fixedRiskSizerConvertsTheStopDistanceIntoTheAccountCurrency() {
    world("USD");
    rate("EUR", "USD", "1.25", "1.25");
    price("SAP", "100.00", "100.02");
    // The strategy's equity 500,000 × 0.001 = 500 USD at risk; each unit bought at the ask loses
    // |100.02 − 98.02| = 2 EUR = 2.50 USD, plus 0.5 USD commission: 500 / 3 = 166 units.
    apply(
        new Event.SizeRequest(
            tick(),
            "r1",
            "A1",
            "S1",
            "SAP",
            Side.BUY,
            Event.Sizer.FIXED_RISK,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            0.001,
            Double.NaN,
            Double.NaN,
            0,
            money("98.02"),
            money("0.5"),
            0));
    final SizeAnswer answer = sizes.get(sizes.size() - 1);
    assertEquals(money("166"), answer.result().quantity());
    assertEquals(SizingStatus.SIZED, answer.result().status());
    assertNull(answer.blockedBy());
    // Without a rate: no size.
    instrument("BMW", "CHF", "0.01");
    apply(new Event.Price(tick(), "BMW", money("50"), money("50.02"), 0));
    apply(
        new Event.SizeRequest(
            tick(),
            "r2",
            "A1",
            "S1",
            "BMW",
            Side.BUY,
            Event.Sizer.FIXED_RISK,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            Double.NaN,
            0.001,
            Double.NaN,
            Double.NaN,
            0,
            money("49"),
            0,
            0));
    final SizeAnswer none = sizes.get(sizes.size() - 1);
    assertEquals(0, none.result().quantity());
    assertEquals(CheckCode.NO_FX_RATE, none.blockedBy());
  }
}
