package io.riskgate.core.engine;

import io.riskgate.core.Fixed;
import io.riskgate.core.event.Event;
import io.riskgate.core.monitor.MonitoredInstrument;
import io.riskgate.core.position.Holding;
import io.riskgate.core.position.Position;
import io.riskgate.core.report.ReportedInstrument;
import io.riskgate.core.session.TradingSession;
import io.riskgate.core.sizing.SizedInstrument;
import io.riskgate.core.volatility.InstrumentVolatility;
import io.riskgate.core.volatility.VolatilitySettings;
import java.util.Arrays;

/**
 * What the engine knows of one instrument: its definition, latest quotes, return history (for
 * correlation), traded notional per day (for liquidity), the firm-wide holding and the positions
 * held in it (so a tick re-marks exactly those).
 */
final class InstrumentState implements SizedInstrument, ReportedInstrument, MonitoredInstrument {
  final int id;
  Event.Instrument definition;

  // Copies of the definition's grid, read on every check without a second object.
  long tickSize;
  long lotSize;
  long multiplier;

  long bid;
  long ask;
  long last;

  /** Event time of the latest price, or Long.MIN_VALUE. */
  long lastPriceNanos = Long.MIN_VALUE;

  /** Firm-wide holding in this instrument. */
  final Holding firm = new Holding();

  /** Positions with a non-zero quantity or open orders, for re-marking on ticks. */
  Position[] positions = new Position[4];

  int positionCount;

  /** Holdings of each account in this instrument, by account id (null until used). */
  Holding[] accountHoldings = new Holding[4];

  // Return history: a ring of the most recent simple returns of sampled closes.
  final double[] returns;
  int returnCount;
  int returnNext;
  long lastClose;
  long sampleBucket = Long.MIN_VALUE;
  long sampleClose;
  boolean hasBars;

  // Traded notional per trading day: a ring of completed days and the day in progress.
  final double[] dailyNotional;
  int completedDays;
  int dailyNext;
  long currentDay = Long.MIN_VALUE;
  double currentDayNotional;
  double averageDailyNotional = Double.NaN;

  /**
   * How its amounts convert into the account currency, or null when it is in the account currency
   * (every amount then taken as it is, as before currencies existed).
   */
  FxPath fx;

  /** Whether its {@code NO_FX_RATE} alert (a held position that cannot be valued) is raised. */
  boolean fxAlerted;

  /** ATR and volatility from bars (or sampled closes), for sizing. */
  final InstrumentVolatility volatility;

  InstrumentState(int id, Event.Instrument definition, int returnCapacity, int liquidityDays) {
    this(
        id,
        definition,
        returnCapacity,
        liquidityDays,
        "crypto".equalsIgnoreCase(definition.assetClass()) ? 365 : 252);
  }

  /**
   * An instrument whose volatility is annualized over {@code periodsPerYear} (fixed by its first
   * definition's asset class).
   */
  InstrumentState(
      int id,
      Event.Instrument definition,
      int returnCapacity,
      int liquidityDays,
      int periodsPerYear) {
    this.id = id;
    define(definition);
    this.volatility =
        new InstrumentVolatility(VolatilitySettings.defaults().withPeriodsPerYear(periodsPerYear));
    this.returns = new double[returnCapacity];
    this.dailyNotional = new double[liquidityDays];
  }

  void define(Event.Instrument newDefinition) {
    this.definition = newDefinition;
    this.tickSize = newDefinition.tickSize();
    this.lotSize = newDefinition.lotSize();
    this.multiplier = newDefinition.multiplier();
  }

  @Override
  public long multiplier() {
    return multiplier;
  }

  @Override
  public long lotSize() {
    return definition.lotSize();
  }

  @Override
  public boolean foreign() {
    return fx != null;
  }

  @Override
  public boolean rateKnown() {
    return fx == null || fx.exists();
  }

  @Override
  public long toAccountCurrency(long amount) {
    return fx == null ? amount : fx.convert(amount, true);
  }

  @Override
  public double rateFactor(boolean highSide) {
    return fx == null ? 1.0 : fx.factor(highSide);
  }

  @Override
  public double historicalVolatility() {
    return volatility.historicalVolatility();
  }

  @Override
  public double atr() {
    return volatility.atr();
  }

  @Override
  public Holding firmHolding() {
    return firm;
  }

  @Override
  public int id() {
    return id;
  }

  @Override
  public Event.Instrument definition() {
    return definition;
  }

  @Override
  public int positionCount() {
    return positionCount;
  }

  @Override
  public long lastPriceNanos() {
    return lastPriceNanos;
  }

  @Override
  public TradingSession session() {
    return definition.session();
  }

  @Override
  public int returnCount() {
    return returnCount;
  }

  @Override
  public Holding heldByAccount(int account) {
    return account < accountHoldings.length ? accountHoldings[account] : null;
  }

  /** Reference price: mid of a two-sided quote, else last, else the one side quoted; 0 if none. */
  @Override
  public long referencePrice() {
    if (bid > 0 && ask > 0) {
      return bid + (ask - bid) / 2; // (bid + ask) / 2 without its overflow; ask >= bid > 0
    }
    if (last > 0) {
      return last;
    }
    return bid > 0 ? bid : ask;
  }

  /** Price a market order on {@code sideSign} would expect to pay or receive; 0 if none. */
  @Override
  public long executablePrice(int sideSign) {
    final long quote = sideSign > 0 ? ask : bid;
    return quote > 0 ? quote : referencePrice();
  }

  /** Mark for a position of {@code netSign}: long at bid, short at ask, else last (config). */
  long markPrice(long net, MarkMode mode) {
    switch (mode) {
      case SIDE:
        final long quote = net > 0 ? bid : ask;
        if (quote > 0) {
          return quote;
        }
        return last > 0 ? last : referencePrice();
      case MID:
        return referencePrice();
      case LAST:
      default:
        return last > 0 ? last : referencePrice();
    }
  }

  /** The value of {@code quantity} at {@code price} in the instrument's own currency. */
  long notional(long quantity, long price) {
    return Fixed.notional(quantity, price, multiplier);
  }

  /**
   * The value of {@code quantity} at {@code price} in the account currency, at the high side of the
   * conversion (an exposure or a notional held against a limit).
   *
   * @throws ArithmeticException when it does not fit, or there is no conversion
   */
  @Override
  public long value(long quantity, long price) {
    final long own = Fixed.notional(quantity, price, multiplier);
    return fx == null ? own : fx.convert(own, true);
  }

  /**
   * {@link #value}, held within the range in the instrument's own currency too.
   *
   * @throws ArithmeticException when either amount does not fit
   */
  long checkedValue(long quantity, long price) {
    final long own = Fixed.notional(quantity, price, multiplier);
    if (!Fixed.isWithinAmountRange(own)) {
      throw new ArithmeticException("beyond the range in " + definition.currency());
    }
    return fx == null ? own : fx.convert(own, true);
  }

  /**
   * {@link #value}, or {@link Fixed#OVERFLOW} when it does not fit, cannot be converted, or is
   * beyond {@link Fixed#MAX_AMOUNT} in the instrument's own currency: every amount is held within
   * the range in its own currency as well as in the account currency (10¹⁰ yen is some 67 million
   * dollars), so an amount in a currency worth less than the account's never leaves a long.
   */
  long valueOrOverflow(long quantity, long price) {
    final long own = Fixed.notionalOrOverflow(quantity, price, multiplier);
    if (!Fixed.isWithinAmountRange(own)) {
      return Fixed.OVERFLOW;
    }
    try {
      return fx == null ? own : fx.convert(own, true);
    } catch (ArithmeticException e) {
      return Fixed.OVERFLOW;
    }
  }

  /**
   * A position's unrealized PnL in the account currency: {@code sign × quantity × mark − cost} in
   * its own currency, converted at the position's side (a long at the low side, a short at the high
   * side).
   */
  long unrealized(long net, long mark, long cost) {
    if (mark == 0) {
      return 0;
    }
    final long own = Math.subtractExact(Long.signum(net) * notional(Math.abs(net), mark), cost);
    return fx == null ? own : fx.convertForPosition(own, net);
  }

  /** A signed amount of its currency (a realized PnL) in the account currency. */
  long convertSigned(long amount) {
    return fx == null ? amount : fx.convertSigned(amount);
  }

  /** A cost (a fee) of its currency in the account currency, at the high side. */
  long convertCost(long amount) {
    return fx == null ? amount : fx.convert(amount, true);
  }

  /** Its currency, or null for the account currency. */
  String currency() {
    return definition.currency();
  }

  void addPosition(Position position) {
    if (position.indexInInstrument >= 0) {
      return;
    }
    if (positionCount == positions.length) {
      positions = Arrays.copyOf(positions, positionCount * 2);
    }
    position.indexInInstrument = positionCount;
    positions[positionCount++] = position;
  }

  void removePosition(Position position) {
    final int index = position.indexInInstrument;
    if (index < 0) {
      return;
    }
    final Position moved = positions[--positionCount];
    positions[index] = moved;
    moved.indexInInstrument = index;
    positions[positionCount] = null;
    position.indexInInstrument = -1;
  }

  @Override
  public Holding accountHolding(int account) {
    if (account >= accountHoldings.length) {
      accountHoldings =
          Arrays.copyOf(accountHoldings, Math.max(account + 1, accountHoldings.length * 2));
    }
    Holding holding = accountHoldings[account];
    if (holding == null) {
      holding = new Holding();
      accountHoldings[account] = holding;
    }
    return holding;
  }

  void addReturn(double value) {
    returns[returnNext] = value;
    returnNext = (returnNext + 1) % returns.length;
    if (returnCount < returns.length) {
      returnCount++;
    }
  }

  /** The k-th most recent return, k = 0 the newest. */
  @Override
  public double recentReturn(int k) {
    int index = returnNext - 1 - k;
    if (index < 0) {
      index += returns.length;
    }
    return returns[index];
  }

  /** Records a close; returns true when it produced a new return. */
  boolean addClose(long close) {
    final boolean produced = lastClose > 0;
    if (produced) {
      addReturn((double) (close - lastClose) / lastClose);
    }
    lastClose = close;
    return produced;
  }

  void addTradedNotional(long day, double notional) {
    rollDay(day);
    currentDayNotional += notional;
  }

  void rollDay(long day) {
    if (currentDay == Long.MIN_VALUE) {
      currentDay = day;
      return;
    }
    while (currentDay < day && dailyNotional.length > 0) {
      dailyNotional[dailyNext] = currentDayNotional;
      dailyNext = (dailyNext + 1) % dailyNotional.length;
      if (completedDays < dailyNotional.length) {
        completedDays++;
      }
      currentDayNotional = 0;
      currentDay++;
      averageDailyNotional = computeAverageDailyNotional();
      if (day - currentDay > dailyNotional.length) {
        currentDay = day - dailyNotional.length;
      }
    }
  }

  /** Mean traded notional per completed day, or NaN without history. */
  @Override
  public double averageDailyNotional() {
    return averageDailyNotional;
  }

  private double computeAverageDailyNotional() {
    if (completedDays == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (int i = 0; i < completedDays; i++) {
      sum += dailyNotional[i];
    }
    return sum / completedDays;
  }

  @Override
  public String symbol() {
    return definition.symbol();
  }
}
