package io.riskgate.core.engine;

import io.riskgate.core.event.Event;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.position.Holding;
import io.riskgate.core.position.Position;
import io.riskgate.core.session.TradingSession;
import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;

/**
 * The instruments' part of a snapshot: one {@link InstrumentState} (with its definition) written
 * and read field by field, and the {@code INST} section (the instruments in definition order, each
 * with its limits). Beside {@link InstrumentState} rather than in it, so the instrument holds only
 * its hot fields and their accessors; the two must change together.
 */
final class InstrumentSnapshot {
  private InstrumentSnapshot() {}

  static void writeSection(RiskEngine e, SnapshotWriter out, int tag) {
    out.beginSection(tag, 1);
    out.writeInt(e.instrumentCount);
    for (int i = 0; i < e.instrumentCount; i++) {
      write(e.instruments[i], out);
      e.instrumentLimits[i].write(out);
    }
    out.endSection();
  }

  static void readSection(RiskEngine e, SnapshotReader in, int tag) {
    in.beginSection(tag, 1);
    e.instrumentCount = in.readCount(100);
    e.instruments = new InstrumentState[Math.max(16, e.instrumentCount)];
    e.instrumentLimits = new LimitSet[e.instruments.length];
    for (int i = 0; i < e.instrumentCount; i++) {
      e.instruments[i] =
          read(
              in,
              i,
              e.config.returnHistoryCapacity(),
              e.config.liquidityLookbackDays(),
              e.positions,
              e.strategyCount,
              e.accountCount,
              e.fxRates.count);
      e.instrumentLimits[i] = new LimitSet();
      e.instrumentLimits[i].read(in);
      if (e.instrumentIds.put(e.instruments[i].definition.symbol(), i) != null) {
        throw in.invalid("instrument " + e.instruments[i].definition.symbol() + " written twice");
      }
    }
    for (int b = 0; b < e.strategyCount; b++) {
      for (Position p : e.positions[b]) {
        if (p != null && p.instrument >= e.instrumentCount) {
          throw in.invalid("a position in instrument " + p.instrument + ", which does not exist");
        }
      }
    }
    final int capacity = Math.max(1, e.instrumentCount);
    e.firm.ensureInstrumentCapacity(capacity);
    for (int i = 0; i < e.accountCount; i++) {
      e.accounts[i].ensureInstrumentCapacity(capacity);
    }
    for (int i = 0; i < e.strategyCount; i++) {
      e.strategies[i].ensureInstrumentCapacity(capacity);
    }
    in.endSection();
  }

  /**
   * Writes the instrument: its definition (every field, the session as its canonical text), the
   * periods per year its volatility was set up with, quotes, holdings, the books of the positions
   * held in it in their order (which decides the order of re-marking), return and liquidity rings,
   * its conversion and its volatility estimators. A ring that has not wrapped is written up to its
   * size, one that has, whole.
   */
  static void write(InstrumentState s, SnapshotWriter out) {
    writeDefinition(out, s.definition);
    out.writeInt(s.volatility.settings().periodsPerYear());
    out.writeLong(s.bid);
    out.writeLong(s.ask);
    out.writeLong(s.last);
    out.writeLong(s.lastPriceNanos);
    s.firm.write(out);
    out.writeInt(s.positionCount);
    for (int i = 0; i < s.positionCount; i++) {
      out.writeInt(s.positions[i].book);
    }
    int accounts = s.accountHoldings.length;
    while (accounts > 0 && s.accountHoldings[accounts - 1] == null) {
      accounts--;
    }
    out.writeInt(accounts);
    for (int a = 0; a < accounts; a++) {
      out.writeBoolean(s.accountHoldings[a] != null);
      if (s.accountHoldings[a] != null) {
        s.accountHoldings[a].write(out);
      }
    }
    out.writeInt(s.returns.length);
    out.writeInt(s.returnCount);
    out.writeInt(s.returnNext);
    out.writeDoubles(s.returns, s.returnCount);
    out.writeLong(s.lastClose);
    out.writeLong(s.sampleBucket);
    out.writeLong(s.sampleClose);
    out.writeBoolean(s.hasBars);
    out.writeInt(s.dailyNotional.length);
    out.writeInt(s.completedDays);
    out.writeInt(s.dailyNext);
    out.writeDoubles(s.dailyNotional, s.completedDays);
    out.writeLong(s.currentDay);
    out.writeDouble(s.currentDayNotional);
    out.writeDouble(s.averageDailyNotional);
    out.writeBoolean(s.fx != null);
    if (s.fx != null) {
      s.fx.write(out);
    }
    out.writeBoolean(s.fxAlerted);
    s.volatility.write(out);
  }

  /**
   * Reads an instrument that {@link #write} wrote, with the ring sizes of the settings, linking it
   * to the positions already read ({@code positions} by book, then instrument id).
   */
  static InstrumentState read(
      SnapshotReader in,
      int id,
      int returnCapacity,
      int liquidityDays,
      Position[][] positions,
      int books,
      int accounts,
      int rates) {
    final Event.Instrument definition = readDefinition(in);
    final int periodsPerYear = in.readInt();
    if (periodsPerYear != 252 && periodsPerYear != 365) {
      throw in.invalid(definition.symbol() + ": " + periodsPerYear + " periods per year");
    }
    final InstrumentState s =
        new InstrumentState(id, definition, returnCapacity, liquidityDays, periodsPerYear);
    s.bid = in.readLong();
    s.ask = in.readLong();
    s.last = in.readLong();
    s.lastPriceNanos = in.readLong();
    s.firm.read(in);
    final int held = in.readCount(4, books, "positions held in " + definition.symbol());
    s.positions = new Position[Math.max(4, held)];
    for (int i = 0; i < held; i++) {
      final int book = in.readInt();
      final Position p =
          book >= 0 && book < books && id < positions[book].length ? positions[book][id] : null;
      if (p == null || p.indexInInstrument >= 0) {
        throw in.invalid(definition.symbol() + " lists a position of book " + book + " it lacks");
      }
      s.addPosition(p);
    }
    final int holdings = in.readCount(1, accounts, "account holdings of " + definition.symbol());
    s.accountHoldings = new Holding[Math.max(4, holdings)];
    for (int a = 0; a < holdings; a++) {
      if (in.readBoolean()) {
        s.accountHoldings[a] = new Holding();
        s.accountHoldings[a].read(in);
      }
    }
    readRingShape(in, definition, "return", s.returns.length);
    s.returnCount = in.readInt();
    s.returnNext = in.readInt();
    requireRing(in, definition, "return", s.returnCount, s.returnNext, s.returns.length);
    in.readDoubles(s.returns, s.returnCount);
    s.lastClose = in.readLong();
    s.sampleBucket = in.readLong();
    s.sampleClose = in.readLong();
    s.hasBars = in.readBoolean();
    readRingShape(in, definition, "liquidity", s.dailyNotional.length);
    s.completedDays = in.readInt();
    s.dailyNext = in.readInt();
    requireRing(in, definition, "liquidity", s.completedDays, s.dailyNext, s.dailyNotional.length);
    in.readDoubles(s.dailyNotional, s.completedDays);
    s.currentDay = in.readLong();
    s.currentDayNotional = in.readDouble();
    s.averageDailyNotional = in.readDouble();
    s.fx = in.readBoolean() ? FxPath.read(in, rates) : null;
    s.fxAlerted = in.readBoolean();
    s.volatility.read(in);
    return s;
  }

  private static void readRingShape(
      SnapshotReader in, Event.Instrument definition, String what, int expected) {
    final int length = in.readInt();
    if (length != expected) {
      throw in.invalid(
          definition.symbol()
              + ": a "
              + what
              + " history of "
              + length
              + ", the settings keep "
              + expected);
    }
  }

  private static void requireRing(
      SnapshotReader in,
      Event.Instrument definition,
      String what,
      int count,
      int next,
      int length) {
    final boolean fits =
        count >= 0
            && count <= length
            && next >= 0
            && (length == 0 ? next == 0 : next < length)
            && (count == length || next == count);
    if (!fits) {
      throw in.invalid(
          definition.symbol() + ": " + what + " ring of " + count + " entries next at " + next);
    }
  }

  /** Writes an instrument definition, every field, the session as its canonical text. */
  static void writeDefinition(SnapshotWriter out, Event.Instrument d) {
    out.writeLong(d.timestampNanos());
    out.writeString(d.symbol());
    out.writeString(d.venue());
    out.writeString(d.currency());
    out.writeLong(d.tickSize());
    out.writeLong(d.lotSize());
    out.writeLong(d.multiplier());
    out.writeString(d.assetClass());
    out.writeString(d.sector());
    out.writeString(d.session().toString());
  }

  /** Reads a definition that {@link #writeDefinition} wrote, validated as the event is. */
  static Event.Instrument readDefinition(SnapshotReader in) {
    final long timestampNanos = in.readLong();
    final String symbol = in.readString();
    final String venue = in.readString();
    final String currency = in.readString();
    final long tickSize = in.readLong();
    final long lotSize = in.readLong();
    final long multiplier = in.readLong();
    final String assetClass = in.readString();
    final String sector = in.readString();
    final String session = in.readStringNonNull("trading session");
    try {
      return new Event.Instrument(
          timestampNanos,
          symbol,
          venue,
          currency,
          tickSize,
          lotSize,
          multiplier,
          assetClass,
          sector,
          TradingSession.parse(session));
    } catch (IllegalArgumentException e) {
      throw in.invalid("instrument " + symbol + ": " + e.getMessage());
    }
  }
}
