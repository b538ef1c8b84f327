package io.riskgate.core.engine;

import io.riskgate.core.limit.Scope;
import io.riskgate.core.limit.TradingState;
import io.riskgate.core.monitor.RiskLevel;
import io.riskgate.core.position.Position;
import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;

/**
 * The ledgers' part of a snapshot: one {@link Ledger} written and read field by field, and the
 * {@code LEDG} section (the firm's, the accounts' and the strategies' ledgers, in definition
 * order). Beside {@link Ledger} rather than in it, so the ledger holds only the hot totals and
 * their accessors; the two must change together.
 */
final class LedgerSnapshot {
  private LedgerSnapshot() {}

  static void writeSection(RiskEngine e, SnapshotWriter out, int tag) {
    out.beginSection(tag, 1);
    write(e.firm, out);
    out.writeInt(e.accountCount);
    for (int i = 0; i < e.accountCount; i++) {
      write(e.accounts[i], out);
    }
    out.writeInt(e.strategyCount);
    for (int i = 0; i < e.strategyCount; i++) {
      write(e.strategies[i], out);
      out.writeInt(e.strategyAccount[i]);
    }
    out.endSection();
  }

  static void readSection(RiskEngine e, SnapshotReader in, int tag) {
    in.beginSection(tag, 1);
    readInPlace(e.firm, in);
    e.accountCount = in.readCount(64);
    e.accounts = new Ledger[Math.max(4, e.accountCount)];
    for (int i = 0; i < e.accountCount; i++) {
      e.accounts[i] = read(in, Scope.Kind.ACCOUNT, i);
      if (e.accountIds.put(e.accounts[i].name, i) != null) {
        throw in.invalid("account " + e.accounts[i].name + " written twice");
      }
    }
    e.strategyCount = in.readCount(64);
    e.strategies = new Ledger[Math.max(4, e.strategyCount)];
    e.strategyAccount = new int[e.strategies.length];
    e.positions = new Position[e.strategies.length][];
    for (int i = 0; i < e.strategyCount; i++) {
      e.strategies[i] = read(in, Scope.Kind.STRATEGY, i);
      e.strategyAccount[i] = in.readInt();
      if (e.strategyAccount[i] < 0 || e.strategyAccount[i] >= e.accountCount) {
        throw in.invalid(
            "strategy "
                + e.strategies[i].name
                + " of account "
                + e.strategyAccount[i]
                + " unknown");
      }
      if (e.strategyIds.put(e.strategies[i].name, i) != null) {
        throw in.invalid("strategy " + e.strategies[i].name + " written twice");
      }
    }
    in.endSection();
  }

  /**
   * Writes the ledger's state: its name, totals, trading state, breaker, rate windows, limits,
   * closed-trade history and daily equity curve. The correlation cache is not state (it is filled
   * again on demand, with the same values) and neither is the marking scratch. A ring that has not
   * yet wrapped is written up to its size; one that has, whole, so its slots read back as they were
   * (sums over it run in slot order).
   */
  static void write(Ledger l, SnapshotWriter out) {
    out.writeString(l.name);
    out.writeLong(l.base);
    out.writeLong(l.realized);
    out.writeLong(l.fees);
    out.writeLong(l.unrealized);
    out.writeLong(l.grossExposure);
    out.writeLong(l.highWaterMark);
    out.writeLong(l.startOfDayPnl);
    out.writeLong(l.startOfDayEquity);
    out.writeInt(l.openOrders);
    out.writeInt(l.openPositions);
    out.writeEnum(l.state);
    out.writeBoolean(l.killed);
    out.writeBoolean(l.drawdownBreached);
    l.breaker.write(out);
    out.writeInt(l.killConditions);
    RateWindow.writeRing(out, l.orderTimes, l.orderTimesHead, l.orderTimesSize);
    l.messages.write(out);
    out.writeLong(l.dayTradedNotional);
    out.writeLong(l.holdingsEpoch);
    out.writeInt(l.tradeCount);
    out.writeInt(l.tradeNext);
    out.writeDoubles(l.tradeProfits, l.tradeCount);
    l.trades.write(out);
    out.writeInt(l.alertFlags);
    out.writeEnum(l.riskLevel);
    out.writeInt(l.dailyEquityCount);
    out.writeInt(l.dailyEquityNext);
    out.writeLongs(l.dailyEquity, l.dailyEquityCount);
    l.limits.write(out);
  }

  /** Reads a ledger that {@link #write} wrote, of the given kind and dense id. */
  static Ledger read(SnapshotReader in, Scope.Kind kind, int id) {
    final Ledger l = new Ledger(kind, in.readStringNonNull("ledger name"), id);
    readState(l, in);
    return l;
  }

  /** Reads the firm's ledger, which exists before a snapshot is read, in place. */
  static void readInPlace(Ledger l, SnapshotReader in) {
    final String written = in.readStringNonNull("ledger name");
    if (!written.equals(l.name)) {
      throw in.invalid("ledger " + written + " where " + l.name + " was expected");
    }
    readState(l, in);
  }

  private static void readState(Ledger l, SnapshotReader in) {
    l.base = in.readLong();
    l.realized = in.readLong();
    l.fees = in.readLong();
    l.unrealized = in.readLong();
    l.grossExposure = in.readLong();
    l.highWaterMark = in.readLong();
    l.startOfDayPnl = in.readLong();
    l.startOfDayEquity = in.readLong();
    l.openOrders = in.readInt();
    l.openPositions = in.readInt();
    l.state = in.readEnumNonNull(TradingState.class);
    l.killed = in.readBoolean();
    l.drawdownBreached = in.readBoolean();
    l.breaker.read(in);
    l.killConditions = in.readInt();
    l.orderTimes = new long[RateWindow.readCapacity(in)];
    l.orderTimesHead = 0;
    l.orderTimesSize = RateWindow.readTimes(in, l.orderTimes);
    l.messages.read(in);
    l.dayTradedNotional = in.readLong();
    l.holdingsEpoch = in.readLong();
    l.tradeCount = in.readInt();
    l.tradeNext = in.readInt();
    requireRing(in, "trade", l.tradeCount, l.tradeNext, l.tradeProfits.length);
    in.readDoubles(l.tradeProfits, l.tradeCount);
    l.trades.read(in);
    l.alertFlags = in.readInt();
    l.riskLevel = in.readEnumNonNull(RiskLevel.class);
    l.dailyEquityCount = in.readInt();
    l.dailyEquityNext = in.readInt();
    requireRing(in, "daily equity", l.dailyEquityCount, l.dailyEquityNext, l.dailyEquity.length);
    in.readLongs(l.dailyEquity, l.dailyEquityCount);
    l.limits.read(in);
  }

  /** A ring of {@code count} entries whose next slot is {@code next}: below full, next == count. */
  private static void requireRing(SnapshotReader in, String what, int count, int next, int length) {
    if (count < 0
        || count > length
        || next < 0
        || next >= length
        || (count < length && next != count)) {
      throw in.invalid(what + " ring of " + count + " entries next at " + next);
    }
  }
}
