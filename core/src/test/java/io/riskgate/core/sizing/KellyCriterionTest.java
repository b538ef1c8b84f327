package io.riskgate.core.sizing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.core.Fixed;
import org.junit.jupiter.api.Test;

class KellyCriterionTest {
  private final KellyCriterion kelly = new KellyCriterion();
  private final SizingResult out = new SizingResult();

  @Test
  void evenMoneyBetMatchesThorp() {
    // E. O. Thorp, "The Kelly Criterion in Blackjack, Sports Betting, and the Stock Market" (2006),
    // section 2: for an even-money bet won with probability p the optimal fraction is p − q; with
    // p = 0.6 it is 0.2. For b-to-1 odds f* = p − q/b: p = 0.5, b = 2 gives 0.25.
    assertEquals(0.2, KellyCriterion.rawFraction(0.6, 1.0, -1.0), 1e-15);
    assertEquals(0.25, KellyCriterion.rawFraction(0.5, 2.0, -1.0), 1e-15);
  }

  @Test
  void halfKellyIsClampedToTheMaximum() {
    final double size = kelly.fraction(0.6, 1.0, -1.0, out);
    assertEquals(0.05, size, 0.0);
    assertEquals(0.2, out.valueOf(SizingFactor.KELLY_RAW), 1e-15);
    assertEquals(0.05, out.valueOf(SizingFactor.KELLY_MAX), 0.0);
    assertFalse(out.has(SizingFactor.KELLY_MIN));
    assertEquals(SizingStatus.FRACTION_ONLY, out.status());
  }

  @Test
  void smallPositiveEdgeIsLiftedToTheMinimum() {
    // f = 0.505 − 0.495 = 0.01, half of it 0.005, lifted to the seed's minimum 0.01.
    final double size = kelly.fraction(0.505, 1.0, -1.0, out);
    assertEquals(0.01, size, 0.0);
    assertEquals(0.01, out.valueOf(SizingFactor.KELLY_MIN), 0.0);
  }

  @Test
  void unclampedBetweenTheBounds() {
    final KellyCriterion wide = new KellyCriterion(0.5, 0.0, 1.0);
    assertEquals(0.125, wide.fraction(0.5, 2.0, -1.0, out), 1e-15);
    assertFalse(out.has(SizingFactor.KELLY_MIN));
    assertFalse(out.has(SizingFactor.KELLY_MAX));
  }

  @Test
  void negativeEdgeGivesZeroNotTheMinimum() {
    assertEquals(0.0, kelly.fraction(0.4, 1.0, -1.0, out), 0.0);
    assertEquals(SizingStatus.NO_EDGE, out.status());
    assertEquals(-0.2, out.valueOf(SizingFactor.KELLY_RAW), 1e-15);
    assertFalse(out.has(SizingFactor.KELLY_MIN));
  }

  @Test
  void zeroEdgeGivesZero() {
    assertEquals(0.0, kelly.fraction(0.5, 1.0, -1.0, out), 0.0);
    assertEquals(SizingStatus.NO_EDGE, out.status());
  }

  @Test
  void lossSignDoesNotMatter() {
    assertEquals(
        KellyCriterion.rawFraction(0.55, 1.5, -1.0), KellyCriterion.rawFraction(0.55, 1.5, 1.0));
  }

  @Test
  void sizeConvertsTheFractionIntoAQuantity() {
    final SizingInstrument instrument = SizingInstrument.wholeUnits();
    kelly.size(0.6, 1.0, -1.0, 100_000, Fixed.ofLong(50), instrument, out);
    assertEquals(Fixed.ofLong(100), out.quantity()); // 5% of 100,000 at 50
    assertEquals(Fixed.ofLong(5_000), out.notional());
    assertEquals(SizingStatus.SIZED, out.status());
    kelly.size(0.3, 1.0, -1.0, 100_000, Fixed.ofLong(50), instrument, out);
    assertEquals(0, out.quantity());
    assertEquals(SizingStatus.NO_EDGE, out.status());
  }

  @Test
  void rejectsInvalidInputsWithPreciseMessages() {
    assertEquals(
        "win rate must be between 0 and 1, got 1.1",
        assertThrows(IllegalArgumentException.class, () -> KellyCriterion.rawFraction(1.1, 1, -1))
            .getMessage());
    assertEquals(
        "win rate must be between 0 and 1, got NaN",
        assertThrows(
                IllegalArgumentException.class, () -> KellyCriterion.rawFraction(Double.NaN, 1, -1))
            .getMessage());
    assertEquals(
        "average win must be a finite positive number, got 0.0",
        assertThrows(IllegalArgumentException.class, () -> KellyCriterion.rawFraction(0.5, 0, -1))
            .getMessage());
    assertEquals(
        "average loss must be finite and non-zero, got 0.0",
        assertThrows(IllegalArgumentException.class, () -> KellyCriterion.rawFraction(0.5, 1, 0))
            .getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> KellyCriterion.rawFraction(0.5, Double.POSITIVE_INFINITY, -1));
    assertThrows(
        IllegalArgumentException.class,
        () -> KellyCriterion.rawFraction(0.5, 1, Double.NEGATIVE_INFINITY));
  }

  @Test
  void invalidInputLeavesThePreviousResult() {
    kelly.fraction(0.6, 1.0, -1.0, out);
    assertThrows(IllegalArgumentException.class, () -> kelly.fraction(-0.1, 1, -1, out));
    assertEquals(0.05, out.equityFraction(), 0.0);
    assertEquals(0.05, out.valueOf(SizingFactor.KELLY_MAX), 0.0);
  }

  @Test
  void rejectsInvalidSettings() {
    assertThrows(IllegalArgumentException.class, () -> new KellyCriterion(0, 0.01, 0.05));
    assertThrows(IllegalArgumentException.class, () -> new KellyCriterion(1.5, 0.01, 0.05));
    assertEquals(
        "Kelly minimum size 0.2 is above the maximum 0.1",
        assertThrows(IllegalArgumentException.class, () -> new KellyCriterion(0.5, 0.2, 0.1))
            .getMessage());
  }

  @Test
  void estimatesFromClosedTrades() {
    // 6 winners averaging 150, 3 losers averaging −100, one flat trade: W = 0.6, R = 1.5,
    // f = 0.6 − 0.4 / 1.5 = 0.3333…, half 0.1667, clamped to 0.05.
    final double[] profits = {100, 200, -50, 150, 0, -150, 120, 180, -100, 150, 999};
    final double size = kelly.fractionFromTrades(profits, 10, 10, out);
    assertEquals(0.05, size, 0.0);
    assertEquals(0.6, out.valueOf(SizingFactor.WIN_RATE), 1e-15);
    assertEquals(1.5, out.valueOf(SizingFactor.PAYOFF_RATIO), 1e-15);
    assertEquals(0.6 - 0.4 / 1.5, out.valueOf(SizingFactor.KELLY_RAW), 1e-15);
    assertEquals(10, out.valueOf(SizingFactor.TRADE_COUNT), 0.0);
  }

  @Test
  void tooFewTradesIsAnOutcomeNotAnException() {
    final double[] profits = {100, -50, 80};
    assertEquals(0.0, kelly.fractionFromTrades(profits, 3, 30, out), 0.0);
    assertEquals(SizingStatus.NOT_ENOUGH_TRADES, out.status());
  }

  @Test
  void tradesWithoutLossesOrWinsGiveZeroWithTheirReason() {
    assertEquals(0.0, kelly.fractionFromTrades(new double[] {1, 2, 3}, 3, 1, out), 0.0);
    assertEquals(SizingStatus.NO_LOSING_TRADES, out.status());
    assertEquals(0.0, kelly.fractionFromTrades(new double[] {-1, -2, 0}, 3, 1, out), 0.0);
    assertEquals(SizingStatus.NO_EDGE, out.status());
  }

  @Test
  void nonFiniteTradeProfitIsRejected() {
    final IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> kelly.fractionFromTrades(new double[] {1, Double.NaN}, 2, 1, out));
    assertEquals("trade 1 has a non-finite profit: NaN", e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> kelly.fractionFromTrades(new double[] {1}, 2, 1, out));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> kelly.fractionFromTrades(new double[] {1}, 1, 0, out))
            .getMessage()
            .contains("minimum trade count"));
  }
}
