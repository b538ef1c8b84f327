package io.riskgate.core.event;

import io.riskgate.core.Fixed;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.limit.TradingState;
import io.riskgate.core.session.TradingSession;
import java.util.Map;
import java.util.Objects;

/**
 * One input of the event language (DESIGN.md section 4). Quantities, prices and money are {@link
 * Fixed} longs; time is nanoseconds since the Unix epoch, UTC. Each record validates itself, so an
 * event that exists is well formed; whether it makes sense against the engine's state (a known
 * symbol, time moving forward) is the engine's to judge.
 */
public sealed interface Event {

  /**
   * Marks an event that carries no time of its own (reference data); the engine keeps its clock.
   */
  long NO_TIME = Long.MIN_VALUE;

  /** Event time in nanoseconds since the epoch, or {@link #NO_TIME}. */
  long timestampNanos();

  /** The event-language type name, e.g. {@code "order"}. */
  String type();

  /**
   * Defines (or redefines the static data of) a tradable instrument. {@code session} says when its
   * market is open (see {@link TradingSession}; {@link TradingSession#ALWAYS_OPEN} when null): the
   * age of its price counts only then. {@code currency} is the currency its prices and amounts are
   * in; null means the account currency.
   */
  record Instrument(
      long timestampNanos,
      String symbol,
      String venue,
      String currency,
      long tickSize,
      long lotSize,
      long multiplier,
      String assetClass,
      String sector,
      TradingSession session)
      implements Event {
    public Instrument {
      requireName(symbol, "symbol");
      requireName(venue, "venue");
      if (currency != null) {
        requireCurrency(currency, "currency");
      }
      requirePositive(tickSize, "tickSize");
      requirePositive(lotSize, "lotSize");
      requirePositive(multiplier, "multiplier");
      requireName(assetClass, "assetClass");
      requireName(sector, "sector");
      session = session == null ? TradingSession.ALWAYS_OPEN : session;
    }

    /** An instrument whose market never closes. */
    public Instrument(
        long timestampNanos,
        String symbol,
        String venue,
        String currency,
        long tickSize,
        long lotSize,
        long multiplier,
        String assetClass,
        String sector) {
      this(
          timestampNanos,
          symbol,
          venue,
          currency,
          tickSize,
          lotSize,
          multiplier,
          assetClass,
          sector,
          TradingSession.ALWAYS_OPEN);
    }

    @Override
    public String type() {
      return "instrument";
    }
  }

  /** Defines a trading account with its starting capital. */
  record Account(long timestampNanos, String account, long capital, String currency)
      implements Event {
    public Account {
      requireName(account, "account");
      requirePositive(capital, "capital");
      requireCurrency(currency, "currency");
    }

    @Override
    public String type() {
      return "account";
    }
  }

  /** Defines a strategy trading in one account with an allocation of its capital. */
  record Strategy(long timestampNanos, String strategy, String account, long allocation)
      implements Event {
    public Strategy {
      requireName(strategy, "strategy");
      requireName(account, "account");
      requirePositive(allocation, "allocation");
    }

    @Override
    public String type() {
      return "strategy";
    }
  }

  /** Money moved into (positive amount: deposit) or out of (negative: withdrawal) an account. */
  record Transfer(long timestampNanos, String account, long amount) implements Event {
    public Transfer {
      requireTime(timestampNanos);
      requireName(account, "account");
      if (amount == 0) {
        throw new IllegalArgumentException("amount must not be zero");
      }
    }

    @Override
    public String type() {
      return "transfer";
    }
  }

  /** Sets limits of one scope; values {@link io.riskgate.core.limit.LimitSet#UNSET} remove one. */
  record Limits(long timestampNanos, Scope scope, Map<Limit, Long> limits, String changedBy)
      implements Event {
    public Limits {
      Objects.requireNonNull(scope, "scope");
      Objects.requireNonNull(limits, "limits");
      limits = Map.copyOf(limits);
      for (Map.Entry<Limit, Long> entry : limits.entrySet()) {
        if (entry.getValue() != io.riskgate.core.limit.LimitSet.UNSET) {
          entry.getKey().validate(entry.getValue());
        }
      }
      if (scope.kind() == Scope.Kind.INSTRUMENT) {
        for (Limit limit : limits.keySet()) {
          if (limit == Limit.MAX_LEVERAGE
              || limit == Limit.MAX_PORTFOLIO_DRAWDOWN
              || limit == Limit.MAX_STRATEGY_DRAWDOWN
              || limit == Limit.MAX_DAILY_LOSS
              || limit == Limit.MAX_FX_AGE_SECONDS
              || limit == Limit.MAX_CURRENCY_EXPOSURE
              || limit == Limit.MAX_DAILY_NOTIONAL
              || limit == Limit.MAX_MESSAGES_PER_SECOND) {
            throw new IllegalArgumentException(
                "limit " + limit.wireName() + " has no meaning at an instrument scope");
          }
        }
      }
      changedBy = changedBy == null ? "" : changedBy;
    }

    @Override
    public String type() {
      return "limits";
    }
  }

  /**
   * A quote and/or last trade price. Any of bid, ask and last may be absent (0); at least one is
   * present, and present values are positive.
   */
  record Price(long timestampNanos, String symbol, long bid, long ask, long last) implements Event {
    public Price {
      requireTime(timestampNanos);
      requireName(symbol, "symbol");
      requireNonNegative(bid, "bid");
      requireNonNegative(ask, "ask");
      requireNonNegative(last, "last");
      if (bid == 0 && ask == 0 && last == 0) {
        throw new IllegalArgumentException("a price needs at least one of bid, ask, last");
      }
      if (bid > 0 && ask > 0 && bid > ask) {
        throw new IllegalArgumentException(
            "bid " + Fixed.toString(bid) + " is above ask " + Fixed.toString(ask));
      }
    }

    @Override
    public String type() {
      return "price";
    }
  }

  /**
   * A conversion rate between two currencies: one unit of {@code base} costs {@code bid} to {@code
   * ask} units of {@code quote} (the pair {@code "EUR/USD"} at 1.08 means one euro costs 1.08
   * dollars). Both sides are positive and the ask is not below the bid.
   */
  record FxRate(long timestampNanos, String base, String quote, long bid, long ask)
      implements Event {
    public FxRate {
      requireTime(timestampNanos);
      requireCurrency(base, "pair");
      requireCurrency(quote, "pair");
      if (base.equals(quote)) {
        throw new IllegalArgumentException(
            "field \"pair\": " + base + "/" + quote + " names one currency twice");
      }
      requirePositive(bid, "bid");
      requirePositive(ask, "ask");
      if (ask < bid) {
        throw new IllegalArgumentException(
            "ask " + Fixed.toString(ask) + " is below bid " + Fixed.toString(bid));
      }
    }

    /** Parses a pair {@code "EUR/USD"}: two currency codes around one slash. */
    public static String[] parsePair(String pair) {
      if (pair == null) {
        throw new IllegalArgumentException("field \"pair\" is missing");
      }
      final int slash = pair.indexOf('/');
      if (slash < 0 || pair.indexOf('/', slash + 1) >= 0) {
        throw new IllegalArgumentException(
            "field \"pair\" must be two currency codes such as \"EUR/USD\", got \"" + pair + "\"");
      }
      final String base = pair.substring(0, slash);
      final String quote = pair.substring(slash + 1);
      if (!isCurrencyCode(base) || !isCurrencyCode(quote)) {
        throw new IllegalArgumentException(
            "field \"pair\" must be two currency codes such as \"EUR/USD\" (3 to 5 capital"
                + " letters or digits, starting with a letter), got \""
                + pair
                + "\"");
      }
      return new String[] {base, quote};
    }

    /** The pair as written in the event language, e.g. {@code "EUR/USD"}. */
    public String pair() {
      return base + "/" + quote;
    }

    @Override
    public String type() {
      return "fxRate";
    }
  }

  /** One OHLCV bar, closing at {@code timestampNanos}. */
  record Bar(
      long timestampNanos, String symbol, long open, long high, long low, long close, long volume)
      implements Event {
    public Bar {
      requireTime(timestampNanos);
      requireName(symbol, "symbol");
      requirePositive(open, "open");
      requirePositive(high, "high");
      requirePositive(low, "low");
      requirePositive(close, "close");
      requireNonNegative(volume, "volume");
      if (low > high || open > high || close > high || open < low || close < low) {
        throw new IllegalArgumentException(
            "bar is inconsistent: need low <= open, close <= high; got open "
                + Fixed.toString(open)
                + " high "
                + Fixed.toString(high)
                + " low "
                + Fixed.toString(low)
                + " close "
                + Fixed.toString(close));
      }
    }

    @Override
    public String type() {
      return "bar";
    }
  }

  /**
   * An order a strategy wants to send. {@code price} 0 is a market order; {@code leverage} 0 means
   * none declared. Quantity and price are validated against the instrument by the engine (grid,
   * sign), so that an invalid order is answered with an {@code INVALID_ORDER} decision rather than
   * refused as input.
   */
  record Order(
      long timestampNanos,
      String orderId,
      String account,
      String strategy,
      String symbol,
      Side side,
      long quantity,
      long price,
      long leverage,
      TimeInForce timeInForce,
      long expireAt)
      implements Event {
    public Order {
      requireTime(timestampNanos);
      requireName(orderId, "orderId");
      requireName(account, "account");
      requireName(strategy, "strategy");
      requireName(symbol, "symbol");
      Objects.requireNonNull(side, "side");
      timeInForce = timeInForce == null ? TimeInForce.GTC : timeInForce;
      if (timeInForce == TimeInForce.GTD && expireAt == NO_TIME) {
        throw new IllegalArgumentException("a gtd order needs expireAt");
      }
      if (timeInForce != TimeInForce.GTD && expireAt != NO_TIME) {
        throw new IllegalArgumentException("expireAt is only for gtd orders");
      }
    }

    /** A good-till-cancelled order. */
    public Order(
        long timestampNanos,
        String orderId,
        String account,
        String strategy,
        String symbol,
        Side side,
        long quantity,
        long price,
        long leverage) {
      this(
          timestampNanos,
          orderId,
          account,
          strategy,
          symbol,
          side,
          quantity,
          price,
          leverage,
          TimeInForce.GTC,
          NO_TIME);
    }

    @Override
    public String type() {
      return "order";
    }
  }

  /** Cancels what remains of an open order. */
  record Cancel(long timestampNanos, String orderId) implements Event {
    public Cancel {
      requireTime(timestampNanos);
      requireName(orderId, "orderId");
    }

    @Override
    public String type() {
      return "cancel";
    }
  }

  /**
   * Cancel/replace of an open order: its new open quantity (what remains to fill after the amend)
   * and/or its new limit price; 0 leaves that one as it is. Checked like a new order against the
   * position with the amended quantity in place of the old; a rejected amend leaves the order as it
   * was.
   */
  record Amend(long timestampNanos, String orderId, long quantity, long price) implements Event {
    public Amend {
      requireTime(timestampNanos);
      requireName(orderId, "orderId");
      requireNonNegative(quantity, "quantity");
      requireNonNegative(price, "price");
      if (quantity == 0 && price == 0) {
        throw new IllegalArgumentException("an amend needs a new quantity, a new price or both");
      }
    }

    @Override
    public String type() {
      return "amend";
    }
  }

  /**
   * The venue refused a cancel/replace of an order after the engine approved the {@link Amend}: the
   * order stands at the venue as it was before, and so its reservation goes back to {@code
   * quantity} (what remains open at the venue now, fills since the amend taken off) at {@code
   * price} (0 keeps the engine's). A fact the venue reports, like a fill: applied without a check,
   * and no new message of the strategy's.
   */
  record AmendRejected(
      long timestampNanos, String orderId, long quantity, long price, String reason)
      implements Event {
    public AmendRejected {
      requireTime(timestampNanos);
      requireName(orderId, "orderId");
      requirePositive(quantity, "quantity");
      requireNonNegative(price, "price");
      reason = reason == null ? "" : reason;
    }

    @Override
    public String type() {
      return "amendRejected";
    }
  }

  /** The venue refused an order the engine approved: its reservation is released. */
  record OrderRejected(long timestampNanos, String orderId, String reason) implements Event {
    public OrderRejected {
      requireTime(timestampNanos);
      requireName(orderId, "orderId");
      reason = reason == null ? "" : reason;
    }

    @Override
    public String type() {
      return "orderRejected";
    }
  }

  /** The venue reports that what remained of an order expired (day, ioc or gtd). */
  record OrderExpired(long timestampNanos, String orderId) implements Event {
    public OrderExpired {
      requireTime(timestampNanos);
      requireName(orderId, "orderId");
    }

    @Override
    public String type() {
      return "orderExpired";
    }
  }

  /**
   * A person asks to cancel every open order of a scope (firm, account, strategy or instrument):
   * answered by one {@code cancel} action per order; each stays reserved until its cancel is
   * confirmed.
   */
  record CancelAll(long timestampNanos, Scope scope, String by) implements Event {
    public CancelAll {
      Objects.requireNonNull(scope, "scope");
      by = by == null ? "" : by;
    }

    @Override
    public String type() {
      return "cancelAll";
    }
  }

  /**
   * The venue cancels a fill ({@code tradeBust}): the position, realized PnL and fees return
   * exactly to what they were before it. Only the latest fill on its position can be busted, and
   * only one that did not close or reverse the position (see {@link TradeCorrect}).
   */
  record TradeBust(long timestampNanos, String fillId) implements Event {
    public TradeBust {
      requireTime(timestampNanos);
      requireName(fillId, "fillId");
    }

    @Override
    public String type() {
      return "tradeBust";
    }
  }

  /**
   * The venue corrects a fill's quantity, price and fee: the position is as if the fill had been
   * reported so. The same limits as {@link TradeBust}; the quantity may only go down (what it no
   * longer filled is not given back to the order).
   */
  record TradeCorrect(long timestampNanos, String fillId, long quantity, long price, long fee)
      implements Event {
    public TradeCorrect {
      requireTime(timestampNanos);
      requireName(fillId, "fillId");
      requirePositive(quantity, "quantity");
      requirePositive(price, "price");
      requireNonNegative(fee, "fee");
    }

    @Override
    public String type() {
      return "tradeCorrect";
    }
  }

  /** An execution of (part of) an order. */
  record Fill(
      long timestampNanos, String fillId, String orderId, long quantity, long price, long fee)
      implements Event {
    public Fill {
      requireTime(timestampNanos);
      requireName(fillId, "fillId");
      requireName(orderId, "orderId");
      requirePositive(quantity, "quantity");
      requirePositive(price, "price");
      requireNonNegative(fee, "fee");
    }

    @Override
    public String type() {
      return "fill";
    }
  }

  /** A person or a rule sets the trading state of a scope. */
  record TradingStateChange(long timestampNanos, Scope scope, TradingState state, String by)
      implements Event {
    public TradingStateChange {
      Objects.requireNonNull(scope, "scope");
      Objects.requireNonNull(state, "state");
      if (scope.kind() == Scope.Kind.INSTRUMENT) {
        throw new IllegalArgumentException(
            "trading state applies to firm, account or strategy scopes");
      }
      by = by == null ? "" : by;
    }

    @Override
    public String type() {
      return "tradingState";
    }
  }

  /** Kill switch pressed for a scope. */
  record Kill(long timestampNanos, Scope scope, String by) implements Event {
    public Kill {
      Objects.requireNonNull(scope, "scope");
      if (scope.kind() == Scope.Kind.INSTRUMENT) {
        throw new IllegalArgumentException("kill applies to firm, account or strategy scopes");
      }
      by = by == null ? "" : by;
    }

    @Override
    public String type() {
      return "kill";
    }
  }

  /** An authorised person re-arms a killed scope. */
  record Rearm(long timestampNanos, Scope scope, String by) implements Event {
    public Rearm {
      Objects.requireNonNull(scope, "scope");
      if (scope.kind() == Scope.Kind.INSTRUMENT) {
        throw new IllegalArgumentException("rearm applies to firm, account or strategy scopes");
      }
      by = by == null ? "" : by;
    }

    @Override
    public String type() {
      return "rearm";
    }
  }

  /** An authorised person closes the circuit breaker of a scope. */
  record BreakerReset(long timestampNanos, Scope scope, String by) implements Event {
    public BreakerReset {
      Objects.requireNonNull(scope, "scope");
      if (scope.kind() == Scope.Kind.INSTRUMENT) {
        throw new IllegalArgumentException(
            "circuit breakers exist at firm, account or strategy scopes");
      }
      requireName(by, "by (the authorised person resetting the breaker)");
    }

    @Override
    public String type() {
      return "breakerReset";
    }
  }

  /** Which sizer a {@link SizeRequest} asks for. */
  enum Sizer {
    /** The seed's sizer: base fraction × signal × 1/(1 + σ) × performance. */
    DYNAMIC("dynamic"),
    /** Fractional Kelly from given or estimated win rate and payoff. */
    KELLY("kelly"),
    /** A fixed fraction of equity at risk with a stop k × ATR away. */
    FIXED_FRACTIONAL("fixedFractional"),
    /** Sized so the position's annualized volatility is a target fraction of equity. */
    VOLATILITY_TARGET("volatilityTarget"),
    /** A fixed fraction of equity at risk with the stop at a given price. */
    FIXED_RISK("fixedRisk");

    private final String wireName;

    Sizer(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    /** Parses the event language's name. */
    public static Sizer parse(String text) {
      for (Sizer sizer : values()) {
        if (sizer.wireName.equals(text)) {
          return sizer;
        }
      }
      throw new IllegalArgumentException(
          "sizer must be dynamic, kelly, fixedFractional, volatilityTarget or fixedRisk; got \""
              + text
              + "\"");
    }
  }

  /**
   * Asks how large an order may be for a book: the sizer's quantity, cut to the headroom under
   * every applicable limit, answered by a {@code size} output. Inputs a sizer does not use are NaN;
   * {@code price} 0 sizes a market order.
   *
   * @param signal dynamic sizer: signal strength in [0, 1]
   * @param winRate Kelly: win rate in [0, 1], or NaN to estimate from the strategy's closed trades
   * @param averageWin Kelly: average winning trade (positive), or NaN to estimate
   * @param averageLoss Kelly: average losing trade (non-zero), or NaN to estimate
   * @param riskFraction fixed-fractional: fraction of equity at risk per trade
   * @param atrMultiple fixed-fractional: stop distance in ATRs
   * @param targetVolatility volatility target: annualized volatility as a fraction of equity
   * @param stop fixed risk: the stop price (fixed-point, positive), 0 for other sizers
   * @param commission fixed risk: commission per unit in the account currency, 0 for none
   * @param hardLimit fixed risk: the largest quantity wanted, 0 for none
   */
  record SizeRequest(
      long timestampNanos,
      String requestId,
      String account,
      String strategy,
      String symbol,
      Side side,
      Sizer sizer,
      double signal,
      double winRate,
      double averageWin,
      double averageLoss,
      double riskFraction,
      double atrMultiple,
      double targetVolatility,
      long price,
      long stop,
      long commission,
      long hardLimit)
      implements Event {
    public SizeRequest {
      requireTime(timestampNanos);
      requireName(requestId, "requestId");
      requireName(account, "account");
      requireName(strategy, "strategy");
      requireName(symbol, "symbol");
      Objects.requireNonNull(side, "side");
      Objects.requireNonNull(sizer, "sizer");
      requireNonNegative(price, "price");
      switch (sizer) {
        case DYNAMIC -> requireIn(signal, 0, 1, "signal");
        case KELLY -> {
          final int given =
              (Double.isNaN(winRate) ? 0 : 1)
                  + (Double.isNaN(averageWin) ? 0 : 1)
                  + (Double.isNaN(averageLoss) ? 0 : 1);
          if (given != 0 && given != 3) {
            throw new IllegalArgumentException(
                "kelly needs winRate, averageWin and averageLoss together, or none of them to"
                    + " estimate from the strategy's closed trades");
          }
          if (given == 3) {
            requireIn(winRate, 0, 1, "winRate");
            requirePositiveFinite(averageWin, "averageWin");
            if (!Double.isFinite(averageLoss) || averageLoss == 0) {
              throw new IllegalArgumentException(
                  "averageLoss must be a finite non-zero number, got " + averageLoss);
            }
          }
        }
        case FIXED_FRACTIONAL -> {
          requirePositiveFinite(riskFraction, "riskFraction");
          requireIn(riskFraction, 0, 1, "riskFraction");
          requirePositiveFinite(atrMultiple, "atrMultiple");
        }
        case VOLATILITY_TARGET -> requirePositiveFinite(targetVolatility, "targetVolatility");
        case FIXED_RISK -> {
          requirePositiveFinite(riskFraction, "riskFraction");
          requireIn(riskFraction, 0, 1, "riskFraction");
          requirePositive(stop, "stop");
        }
        default -> throw new IllegalArgumentException("unknown sizer " + sizer);
      }
      requireNonNegative(stop, "stop");
      requireNonNegative(commission, "commission");
      requireNonNegative(hardLimit, "hardLimit");
      if (sizer != Sizer.FIXED_RISK && (stop != 0 || commission != 0 || hardLimit != 0)) {
        throw new IllegalArgumentException(
            "stop, commission and hardLimit are inputs of the fixedRisk sizer only");
      }
    }

    /** A request of a sizer other than fixed risk (no stop, commission or hard limit). */
    public SizeRequest(
        long timestampNanos,
        String requestId,
        String account,
        String strategy,
        String symbol,
        Side side,
        Sizer sizer,
        double signal,
        double winRate,
        double averageWin,
        double averageLoss,
        double riskFraction,
        double atrMultiple,
        double targetVolatility,
        long price) {
      this(
          timestampNanos,
          requestId,
          account,
          strategy,
          symbol,
          side,
          sizer,
          signal,
          winRate,
          averageWin,
          averageLoss,
          riskFraction,
          atrMultiple,
          targetVolatility,
          price,
          0,
          0,
          0);
    }

    @Override
    public String type() {
      return "sizeRequest";
    }
  }

  /** Asks for the risk report now: answered by a {@code report} output. */
  record ReportRequest(long timestampNanos) implements Event {
    public ReportRequest {
      requireTime(timestampNanos);
    }

    @Override
    public String type() {
      return "reportRequest";
    }
  }

  /** Time passes: lets the engine run what is due (day roll, timeouts, retries). */
  record Timer(long timestampNanos) implements Event {
    public Timer {
      requireTime(timestampNanos);
    }

    @Override
    public String type() {
      return "timer";
    }
  }

  /** Connectivity and round-trip latency of a venue. */
  record VenueStatus(long timestampNanos, String venue, boolean connected, double latencyMs)
      implements Event {
    public VenueStatus {
      requireTime(timestampNanos);
      requireName(venue, "venue");
      if (!Double.isFinite(latencyMs) || latencyMs < 0) {
        throw new IllegalArgumentException(
            "latencyMs must be a finite non-negative number, got " + latencyMs);
      }
    }

    @Override
    public String type() {
      return "venueStatus";
    }
  }

  private static void requireName(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is missing or empty");
    }
  }

  /**
   * True for a currency code: 3 to 5 capital letters or digits, the first a letter (ISO 4217's
   * three letters, and the longer codes of coins such as USDT).
   */
  public static boolean isCurrencyCode(String code) {
    if (code == null || code.length() < 3 || code.length() > 5) {
      return false;
    }
    for (int i = 0; i < code.length(); i++) {
      final char c = code.charAt(i);
      final boolean letter = c >= 'A' && c <= 'Z';
      if (!letter && (i == 0 || c < '0' || c > '9')) {
        return false;
      }
    }
    return true;
  }

  private static void requireCurrency(String value, String field) {
    if (!isCurrencyCode(value)) {
      throw new IllegalArgumentException(
          "field \""
              + field
              + "\" must be a currency code (3 to 5 capital letters or digits, starting with a"
              + " letter, such as USD), got "
              + (value == null ? "nothing" : "\"" + value + "\""));
    }
  }

  private static void requirePositive(long value, String field) {
    if (value <= 0) {
      throw new IllegalArgumentException(field + " must be positive, got " + Fixed.toString(value));
    }
  }

  private static void requireNonNegative(long value, String field) {
    if (value < 0) {
      throw new IllegalArgumentException(
          field + " must not be negative, got " + Fixed.toString(value));
    }
  }

  private static void requirePositiveFinite(double value, String field) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(field + " must be a finite positive number, got " + value);
    }
  }

  private static void requireIn(double value, double min, double max, String field) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          field + " must be a number in [" + min + ", " + max + "], got " + value);
    }
  }

  private static void requireTime(long timestampNanos) {
    if (timestampNanos == NO_TIME) {
      throw new IllegalArgumentException("ts is missing");
    }
  }
}
