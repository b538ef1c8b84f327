package io.riskgate.core.engine;

import io.riskgate.core.event.Side;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.position.Position;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The engine's state the rooms of this package read and write: the instruments, the ledgers, the
 * positions, the open orders and the FX rates, with the dense ids by name and the look-ups over
 * them. {@link RiskEngine} extends it with the clock, the dispatch of events and the wiring of the
 * pipeline; a room receives the engine ({@code RiskEngine e}) and reaches these fields through it.
 *
 * <p>A superclass rather than a field of the engine so that every room keeps reading {@code
 * e.instruments}, {@code e.strategies}, ... directly: the pre-trade checks read them on the hot
 * path, and one more indirection there would cost a load per access.
 */
abstract class EngineState {
  // Dense ids by name: not written in a snapshot, rebuilt from the definitions when one is read.
  Map<String, Integer> instrumentIds = new HashMap<>();
  Map<String, Integer> accountIds = new HashMap<>();
  Map<String, Integer> strategyIds = new HashMap<>();

  InstrumentState[] instruments = new InstrumentState[16];
  int instrumentCount;
  LimitSet[] instrumentLimits = new LimitSet[16];

  final Ledger firm = new Ledger(Scope.Kind.FIRM, "", 0);
  Ledger[] accounts = new Ledger[4];
  int accountCount;
  Ledger[] strategies = new Ledger[4];
  int[] strategyAccount = new int[4];
  int strategyCount;

  /** Positions by strategy, then by instrument id; null until first used. */
  Position[][] positions = new Position[4][];

  /** Open orders; a snapshot writes them as flat arrays. */
  OpenOrders openOrders = new OpenOrders(1 << 12);

  /** The latest rate of every currency pair. */
  final FxRates fxRates = new FxRates();

  /** The account currency (the first account's), or null before any account. */
  String accountCurrency;

  /** Instruments in a currency other than the account currency. */
  int foreignInstruments;

  /** Bumped whenever any instrument gains a return: invalidates cached correlations. */
  long returnsEpoch;

  /** Scratch of a fill; not state, so not in a snapshot. */
  Position.FillPreview fillPreview = new Position.FillPreview();

  /** Scratch of a fill: the fill's fee in the account currency. */
  long fillFee;

  /**
   * The fill id of the fill being applied through the event language; null on the primitive path.
   */
  String pendingFillId;

  // ---------------------------------------------------------------- lookups

  int requireInstrument(String symbol) {
    final Integer id = instrumentIds.get(symbol);
    if (id == null) {
      throw new IllegalArgumentException("unknown instrument \"" + symbol + "\"");
    }
    return id;
  }

  int requireAccount(String account) {
    final Integer id = accountIds.get(account);
    if (id == null) {
      throw new IllegalArgumentException("unknown account \"" + account + "\"");
    }
    return id;
  }

  int requireStrategy(String strategy) {
    final Integer id = strategyIds.get(strategy);
    if (id == null) {
      throw new IllegalArgumentException("unknown strategy \"" + strategy + "\"");
    }
    return id;
  }

  InstrumentState instrumentState(int instrument) {
    if (instrument < 0 || instrument >= instrumentCount) {
      throw new IllegalArgumentException("unknown instrument id " + instrument);
    }
    return instruments[instrument];
  }

  Position position(int book, int instrument) {
    Position[] row = positions[book];
    if (instrument >= row.length) {
      row = Arrays.copyOf(row, Math.max(instrument + 1, row.length * 2));
      positions[book] = row;
    }
    Position position = row[instrument];
    if (position == null) {
      position = new Position(book, instrument);
      row[instrument] = position;
    }
    return position;
  }

  /**
   * A limit as it applies to a book: the strategy's own value, else its account's, else the firm's;
   * {@link LimitSet#UNSET} when none of them sets it.
   */
  long bookLimit(int strategy, Limit limit) {
    long value = strategies[strategy].limits.get(limit);
    if (value == LimitSet.UNSET) {
      value = accounts[strategyAccount[strategy]].limits.get(limit);
    }
    return value == LimitSet.UNSET ? firm.limits.get(limit) : value;
  }

  /** The position of a book in an instrument, or null when it never traded or reserved. */
  Position positionOrNull(int book, int instrument) {
    final Position[] row = positions[book];
    return instrument < row.length ? row[instrument] : null;
  }

  static boolean isRiskReducing(Position position, Side side, long quantity) {
    if (position == null) {
      return false;
    }
    if (side == Side.BUY) {
      return position.net < 0 && position.openBuy + quantity <= -position.net;
    }
    return position.net > 0 && position.openSell + quantity <= position.net;
  }
}
