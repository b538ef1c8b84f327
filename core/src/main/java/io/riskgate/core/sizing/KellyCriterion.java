package io.riskgate.core.sizing;

/**
 * Fractional Kelly sizing, after J. L. Kelly Jr., "A New Interpretation of Information Rate"
 * (1956): the growth-optimal fraction of equity for a bet won with probability {@code W} that pays
 * {@code R} times what it risks is {@code f = W − (1 − W) / R}, with {@code R = avg win / |avg
 * loss|}.
 *
 * <p>The size is {@code multiplier × f} (½ by default, "half Kelly"), then clamped to [min, max]
 * (seed: 0.01 and 0.05) — but only when positive: with {@code f ≤ 0} the strategy has no positive
 * expectancy and the size is zero, status {@link SizingStatus#NO_EDGE} (the seed bet the minimum
 * instead). Inputs are validated; an estimator from a strategy's closed-trade profits and losses is
 * included, which answers {@link SizingStatus#NOT_ENOUGH_TRADES} below a minimum trade count rather
 * than throwing. Allocation-free.
 */
public final class KellyCriterion {
  /** Half Kelly. */
  public static final double DEFAULT_MULTIPLIER = 0.5;

  /** The seed's lower clamp. */
  public static final double DEFAULT_MIN = 0.01;

  /** The seed's upper clamp. */
  public static final double DEFAULT_MAX = 0.05;

  private final double multiplier;
  private final double min;
  private final double max;

  /** Half Kelly clamped to [0.01, 0.05]. */
  public KellyCriterion() {
    this(DEFAULT_MULTIPLIER, DEFAULT_MIN, DEFAULT_MAX);
  }

  /**
   * @param multiplier fraction of full Kelly, in (0, 1]
   * @param min lower clamp for a positive size, in [0, max]
   * @param max upper clamp, in [min, 1]
   */
  public KellyCriterion(double multiplier, double min, double max) {
    SizingInputs.requireFractionAboveZero("Kelly multiplier", multiplier);
    SizingInputs.requireUnitInterval("Kelly minimum size", min);
    SizingInputs.requireUnitInterval("Kelly maximum size", max);
    if (min > max) {
      throw new IllegalArgumentException(
          "Kelly minimum size " + min + " is above the maximum " + max);
    }
    this.multiplier = multiplier;
    this.min = min;
    this.max = max;
  }

  public double multiplier() {
    return multiplier;
  }

  public double min() {
    return min;
  }

  public double max() {
    return max;
  }

  /**
   * Full Kelly {@code f = W − (1 − W) / R}, {@code R = avgWin / |avgLoss|}.
   *
   * @throws IllegalArgumentException if W is outside [0, 1], avg win is not positive, avg loss is
   *     zero, or anything is NaN or infinite
   */
  public static double rawFraction(double winRate, double averageWin, double averageLoss) {
    validate(winRate, averageWin, averageLoss);
    final double payoff = averageWin / Math.abs(averageLoss);
    return winRate - (1.0 - winRate) / payoff;
  }

  private static void validate(double winRate, double averageWin, double averageLoss) {
    SizingInputs.requireUnitInterval("win rate", winRate);
    SizingInputs.requirePositive("average win", averageWin);
    if (averageLoss == 0.0 || !Double.isFinite(averageLoss)) {
      throw new IllegalArgumentException(
          "average loss must be finite and non-zero, got " + averageLoss);
    }
  }

  /**
   * The final fraction of equity, written with its breakdown into {@code out} (status {@link
   * SizingStatus#FRACTION_ONLY}, or {@link SizingStatus#NO_EDGE} when {@code f ≤ 0}); returns it.
   */
  public double fraction(double winRate, double averageWin, double averageLoss, SizingResult out) {
    validate(winRate, averageWin, averageLoss);
    SizingInputs.requireResult(out);
    out.reset();
    return fractionInto(winRate, averageWin, averageLoss, out);
  }

  private double fractionInto(
      double winRate, double averageWin, double averageLoss, SizingResult out) {
    final double payoff = averageWin / Math.abs(averageLoss);
    final double kelly = winRate - (1.0 - winRate) / payoff;
    out.addFactor(SizingFactor.WIN_RATE, winRate);
    out.addFactor(SizingFactor.PAYOFF_RATIO, payoff);
    out.addFactor(SizingFactor.KELLY_RAW, kelly);
    out.addFactor(SizingFactor.KELLY_MULTIPLIER, multiplier);
    double size = 0.0;
    if (kelly > 0.0) {
      size = multiplier * kelly;
      if (size < min) {
        out.addFactor(SizingFactor.KELLY_MIN, min);
        size = min;
      } else if (size > max) {
        out.addFactor(SizingFactor.KELLY_MAX, max);
        size = max;
      }
      out.setStatus(SizingStatus.FRACTION_ONLY);
    } else {
      out.setStatus(SizingStatus.NO_EDGE);
    }
    out.addFactor(SizingFactor.EQUITY_FRACTION, size);
    out.setEquityFraction(size);
    return size;
  }

  /**
   * Sizes a position: the Kelly fraction of {@code equity} converted to a quantity at {@code price}
   * (zero, status {@link SizingStatus#NO_EDGE}, when {@code f ≤ 0}).
   */
  public void size(
      double winRate,
      double averageWin,
      double averageLoss,
      double equity,
      long price,
      SizingInstrument instrument,
      SizingResult out) {
    validate(winRate, averageWin, averageLoss);
    SizingInputs.requirePositive("equity", equity);
    SizingInputs.requirePrice(price);
    SizingInputs.requireInstrument(instrument);
    SizingInputs.requireResult(out);
    out.reset();
    out.addFactor(SizingFactor.EQUITY, equity);
    final double fraction = fractionInto(winRate, averageWin, averageLoss, out);
    if (fraction > 0.0) {
      out.applyNotional(fraction * equity, price, instrument);
    }
  }

  /**
   * The Kelly fraction estimated from closed trades: {@code W} = winning trades / all trades,
   * average win over the winners, average loss over the losers; a trade with zero profit counts in
   * the total but as neither. Fewer than {@code minTrades} trades give 0 with status {@link
   * SizingStatus#NOT_ENOUGH_TRADES}; no losing trade gives 0 with {@link
   * SizingStatus#NO_LOSING_TRADES} (the payoff ratio is undefined); no winning trade gives 0 with
   * {@link SizingStatus#NO_EDGE}. Returns the fraction.
   *
   * @param profits closed-trade profits (negative for losses); the first {@code count} are used
   * @throws IllegalArgumentException if {@code minTrades < 1}, {@code count} is out of range or a
   *     profit is NaN or infinite
   */
  public double fractionFromTrades(double[] profits, int count, int minTrades, SizingResult out) {
    if (minTrades < 1) {
      throw new IllegalArgumentException(
          "minimum trade count must be at least 1, got " + minTrades);
    }
    if (profits == null || count < 0 || count > profits.length) {
      throw new IllegalArgumentException(
          "trade count "
              + count
              + " is outside the profits array of length "
              + (profits == null ? 0 : profits.length));
    }
    SizingInputs.requireResult(out);
    int wins = 0;
    int losses = 0;
    double winSum = 0.0;
    double lossSum = 0.0;
    for (int i = 0; i < count; i++) {
      final double p = profits[i];
      if (!Double.isFinite(p)) {
        throw new IllegalArgumentException("trade " + i + " has a non-finite profit: " + p);
      }
      if (p > 0.0) {
        wins++;
        winSum += p;
      } else if (p < 0.0) {
        losses++;
        lossSum += p;
      }
    }
    out.reset();
    out.addFactor(SizingFactor.TRADE_COUNT, count);
    if (count < minTrades) {
      return zero(out, SizingStatus.NOT_ENOUGH_TRADES);
    }
    if (losses == 0) {
      return zero(out, SizingStatus.NO_LOSING_TRADES);
    }
    if (wins == 0) {
      out.addFactor(SizingFactor.WIN_RATE, 0.0);
      return zero(out, SizingStatus.NO_EDGE);
    }
    return fractionInto((double) wins / count, winSum / wins, lossSum / losses, out);
  }

  private static double zero(SizingResult out, SizingStatus status) {
    out.addFactor(SizingFactor.EQUITY_FRACTION, 0.0);
    out.setEquityFraction(0.0);
    out.setStatus(status);
    return 0.0;
  }
}
