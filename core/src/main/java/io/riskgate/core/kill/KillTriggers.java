package io.riskgate.core.kill;

import io.riskgate.core.Fixed;
import io.riskgate.core.check.ScopeFigures;
import java.util.Locale;

/**
 * The kill switch's automatic triggers, decided and not acted on: the portfolio triggers of the
 * firm and each account (drawdown, critical drawdown, open positions, daily loss) and the bad-tick
 * trigger of the firm. A trigger fires on the transition into its condition: each scope keeps a
 * mask of the conditions that hold ({@link #withPortfolio}), and after a re-arm a condition that
 * still holds does not fire again until it has cleared.
 */
public final class KillTriggers {
  /** Condition bits of a scope's mask. */
  public static final int DRAWDOWN = 1;

  public static final int CRITICAL = 2;
  public static final int POSITIONS = 4;
  public static final int DAILY_LOSS = 8;

  /** Market data of an instrument stale (see {@link KillSwitchSettings#killOnStaleData()}). */
  public static final int STALE = 16;

  private static final int PORTFOLIO = DRAWDOWN | CRITICAL | POSITIONS | DAILY_LOSS;

  private final KillSwitchSettings kill;
  private final long killDrawdown;
  private final long killCritical;
  private final long killDailyLoss;

  public KillTriggers(KillSwitchSettings kill) {
    this.kill = kill;
    killDrawdown = Fixed.ofDouble(kill.maxDrawdown());
    killCritical = Fixed.ofDouble(kill.criticalDrawdown());
    killDailyLoss = Fixed.ofDouble(kill.maxDailyLoss());
  }

  /** The portfolio conditions that hold for {@code scope} now, as condition bits. */
  public int portfolioConditions(ScopeFigures scope) {
    int active = 0;
    final long drawdown = scope.drawdownAmount();
    if (killDrawdown > 0 && drawdown > Fixed.multiply(killDrawdown, scope.highWaterMark())) {
      active |= DRAWDOWN;
    }
    if (killCritical > 0 && drawdown > Fixed.multiply(killCritical, scope.highWaterMark())) {
      active |= CRITICAL;
    }
    if (kill.maxPositions() > 0 && scope.openPositions() > kill.maxPositions()) {
      active |= POSITIONS;
    }
    if (killDailyLoss > 0
        && scope.startOfDayEquity() > 0
        && -scope.dailyPnl() > Fixed.multiply(killDailyLoss, scope.startOfDayEquity())) {
      active |= DAILY_LOSS;
    }
    return active;
  }

  /** A scope's condition mask with its portfolio bits replaced by {@code active}. */
  public static int withPortfolio(int conditions, int active) {
    return (conditions & ~PORTFOLIO) | active;
  }

  /**
   * Reports the first of the {@code rising} portfolio conditions (those that hold now and did not
   * before) to {@code trip}, unless none rose or the scope is already killed.
   */
  public void onRising(ScopeFigures scope, int rising, KillTrip trip) {
    if (rising == 0 || scope.killed()) {
      return;
    }
    if ((rising & DRAWDOWN) != 0) {
      trip.trip(
          "drawdown "
              + fraction(scope.drawdownFraction())
              + " beyond "
              + fraction(kill.maxDrawdown()),
          scope.drawdownFraction(),
          kill.maxDrawdown());
    } else if ((rising & CRITICAL) != 0) {
      trip.trip(
          "risk level CRITICAL: drawdown "
              + fraction(scope.drawdownFraction())
              + " beyond "
              + fraction(kill.criticalDrawdown()),
          scope.drawdownFraction(),
          kill.criticalDrawdown());
    } else if ((rising & POSITIONS) != 0) {
      trip.trip(
          scope.openPositions() + " open positions, more than " + kill.maxPositions(),
          scope.openPositions(),
          kill.maxPositions());
    } else {
      final double loss = (double) -scope.dailyPnl() / scope.startOfDayEquity();
      trip.trip(
          "daily loss " + fraction(loss) + " beyond " + fraction(kill.maxDailyLoss()),
          loss,
          kill.maxDailyLoss());
    }
  }

  /**
   * A price of {@code symbol} moved its reference from {@code previousReference} to {@code
   * reference}: a jump beyond {@code maxTickJump} is a bad tick, reported to {@code trip}.
   */
  public void onPrice(String symbol, long previousReference, long reference, KillTrip trip) {
    if (kill.maxTickJump() > 0 && previousReference > 0 && reference > 0) {
      final double jump = Math.abs((double) reference / previousReference - 1.0);
      if (jump > kill.maxTickJump()) {
        trip.trip(
            "bad tick: "
                + symbol
                + " moved from "
                + Fixed.toString(previousReference)
                + " to "
                + Fixed.toString(reference)
                + ", a jump of "
                + fraction(jump)
                + " beyond "
                + fraction(kill.maxTickJump()),
            jump,
            kill.maxTickJump());
      }
    }
  }

  static String fraction(double value) {
    return String.format(Locale.ROOT, "%.4f", value);
  }
}
