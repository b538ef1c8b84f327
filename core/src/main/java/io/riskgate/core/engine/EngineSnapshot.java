package io.riskgate.core.engine;

import io.riskgate.core.position.Position;
import io.riskgate.core.snapshot.SnapshotFormatException;
import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;
import io.riskgate.core.snapshot.StateHasher;

/**
 * The engine's snapshot: the whole state as bytes, written section by section by the component that
 * owns each section, and read back into a new engine. The layout is pictured at {@link #write}; the
 * fixture test ({@code SnapshotFixtureTest}) holds a snapshot of this format that must stay
 * readable.
 */
final class EngineSnapshot {
  private EngineSnapshot() {}

  private static final long SNAPSHOT_MAGIC = 0x5249534B47415445L; // "RISKGATE"

  /** The snapshot format this engine writes and reads; older ones are refused (replay instead). */
  static final int SNAPSHOT_VERSION = 5;

  private static final int HEADER_BYTES = 20;

  // Sections in the order they are written; each has its own format version (all 1 so far).
  private static final int SETTINGS = SnapshotReader.tag("SETS");
  private static final int CLOCK = SnapshotReader.tag("CLCK");
  private static final int LEDGERS = SnapshotReader.tag("LEDG");
  private static final int POSITIONS = SnapshotReader.tag("POSN");
  private static final int CURRENCIES = SnapshotReader.tag("CCY ");
  private static final int INSTRUMENTS = SnapshotReader.tag("INST");
  private static final int ORDERS = SnapshotReader.tag("ORDR");
  private static final int MONITOR = SnapshotReader.tag("MONI");
  private static final int SAFEGUARDS = SnapshotReader.tag("SAFE");
  private static final int STALENESS = SnapshotReader.tag("STAL");
  private static final int SECTIONS = 10;

  /**
   * The whole state as bytes, written section by section by the component that owns it; restored by
   * {@link #read}. In memory only: writing it anywhere is the caller's job.
   *
   * <p>Layout (the header big-endian, the body little-endian):
   *
   * <pre>
   *  long  magic "RISKGATE"
   *  int   format version (5)
   *  int   CRC32C of the body
   *  int   length of the body
   *  body: int number of sections (10), then each section:
   *          int tag, int section version, int length, bytes
   *        SETS  fingerprint of the engine settings the state was built under
   *        CLCK  clock, trading day, next day start and expiry, id counter, returns epoch
   *        LEDG  the firm's, the accounts' and the strategies' ledgers, in definition order
   *        POSN  the positions of each strategy
   *        CCY   the account currency and the FX rates
   *        INST  the instruments, with their limits, in definition order
   *        ORDR  open orders, the order keys, order ids and fill ids of the day
   *        MONI  raised alerts, correlated pairs, the next report time
   *        SAFE  venue status, kills and instructions in flight, own orders, throttle windows
   *        STAL  stale instruments and their session windows
   * </pre>
   *
   * Every value is written by value and every collection in a defined order (definition order, slot
   * order, sorted keys or the order of events), so equal states give equal bytes. Settings and
   * scratch are not written: they come from the configuration given to {@link #read}.
   */
  static byte[] write(RiskEngine e) {
    final long estimate =
        (1L << 16)
            + orderSectionEstimate(e)
            + e.orderKeysSeenToday.size() * 12L
            + e.instrumentCount * 1024L
            + (e.accountCount + e.strategyCount) * 8192L;
    final SnapshotWriter out =
        new SnapshotWriter(
            (int)
                Math.min(
                    1 << 30, Math.max(estimate, e.snapshotSizeHint + e.snapshotSizeHint / 8L)));
    for (int i = 0; i < HEADER_BYTES; i++) {
      out.writeByte(0); // the header, filled in below
    }
    out.writeInt(SECTIONS);
    writeSettingsSection(e, out);
    writeClockSection(e, out);
    LedgerSnapshot.writeSection(e, out, LEDGERS);
    writePositionSection(e, out);
    out.beginSection(CURRENCIES, 1);
    out.writeString(e.accountCurrency);
    out.writeInt(e.foreignInstruments);
    e.fxRates.write(out);
    out.endSection();
    InstrumentSnapshot.writeSection(e, out, INSTRUMENTS);
    writeOrderSection(e, out);
    out.beginSection(MONITOR, 1);
    e.monitor.write(out);
    out.endSection();
    out.beginSection(SAFEGUARDS, 1);
    e.safeguards.write(out);
    out.endSection();
    out.beginSection(STALENESS, 1);
    e.staleness.write(out);
    out.endSection();
    final byte[] snapshot = out.toByteArray();
    e.snapshotSizeHint = snapshot.length;
    final int length = snapshot.length - HEADER_BYTES;
    final java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(snapshot, HEADER_BYTES, length);
    java.nio.ByteBuffer.wrap(snapshot)
        .putLong(SNAPSHOT_MAGIC)
        .putInt(SNAPSHOT_VERSION)
        .putInt((int) crc.getValue())
        .putInt(length);
    return snapshot;
  }

  /**
   * A first size for the order part of a snapshot, so that writing one seldom grows its buffer: a
   * few dozen bytes per open order, order id and fill id of the day.
   */
  static int orderSectionEstimate(RiskEngine e) {
    final long bytes =
        4096L
            + e.openOrders.size() * 64L
            + e.orderKeysById.size() * 8L
            + e.fillIdsToday.size() * 24L;
    return (int) Math.min(1 << 30, bytes);
  }

  /**
   * Restores an engine from {@link #write} bytes under {@code config} (the settings the snapshot
   * was taken under), sending its future outputs to {@code sink}.
   *
   * @throws SnapshotFormatException when the bytes are not an intact snapshot of this format, or
   *     were taken under other settings; the caller replays the journal instead
   */
  static RiskEngine read(byte[] snapshot, EngineConfig config, OutputSink sink) {
    final java.nio.ByteBuffer header = java.nio.ByteBuffer.wrap(snapshot);
    if (snapshot.length < HEADER_BYTES || header.getLong() != SNAPSHOT_MAGIC) {
      throw new SnapshotFormatException("not a Riskgate engine snapshot");
    }
    final int version = header.getInt();
    if (version != SNAPSHOT_VERSION) {
      throw new SnapshotFormatException(
          "snapshot format version "
              + version
              + ", this engine reads "
              + SNAPSHOT_VERSION
              + (version < SNAPSHOT_VERSION
                  ? " (formats before 5 were Java serialization of another version of the code)"
                  : ""));
    }
    final int expectedCrc = header.getInt();
    final int length = header.getInt();
    if (length != snapshot.length - HEADER_BYTES) {
      throw new SnapshotFormatException(
          "snapshot body is "
              + (snapshot.length - HEADER_BYTES)
              + " bytes, its header says "
              + length);
    }
    final java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(snapshot, HEADER_BYTES, length);
    if ((int) crc.getValue() != expectedCrc) {
      throw new SnapshotFormatException("snapshot checksum mismatch: the snapshot is damaged");
    }
    final SnapshotReader in = new SnapshotReader(snapshot, HEADER_BYTES, length);
    final int sections = in.readInt();
    if (sections != SECTIONS) {
      throw new SnapshotFormatException(
          "snapshot has " + sections + " sections, format 5 has " + SECTIONS);
    }
    final RiskEngine engine = new RiskEngine(config, sink);
    readSettingsSection(engine, in);
    readClockSection(engine, in);
    LedgerSnapshot.readSection(engine, in, LEDGERS);
    readPositionSection(engine, in);
    in.beginSection(CURRENCIES, 1);
    engine.accountCurrency = in.readString();
    engine.foreignInstruments = in.readInt();
    engine.fxRates.read(in);
    in.endSection();
    InstrumentSnapshot.readSection(engine, in, INSTRUMENTS);
    readOrderSection(engine, in);
    in.beginSection(MONITOR, 1);
    engine.monitor.read(in);
    in.endSection();
    in.beginSection(SAFEGUARDS, 1);
    engine.safeguards.read(in);
    in.endSection();
    in.beginSection(STALENESS, 1);
    engine.staleness.read(in);
    in.endSection();
    in.requireEnd();
    return engine;
  }

  /**
   * A digest of the settings' canonical text: a snapshot holds no settings, but refuses to be read
   * under settings other than those it was taken under (the state would not be the one a replay
   * under these settings builds).
   */
  static long settingsFingerprint(RiskEngine e) {
    final StateHasher h = new StateHasher();
    h.add(e.config.toString());
    return h.value();
  }

  static void writeSettingsSection(RiskEngine e, SnapshotWriter out) {
    out.beginSection(SETTINGS, 1);
    out.writeLong(settingsFingerprint(e));
    out.endSection();
  }

  static void readSettingsSection(RiskEngine e, SnapshotReader in) {
    in.beginSection(SETTINGS, 1);
    final long written = in.readLong();
    in.endSection();
    if (written != settingsFingerprint(e)) {
      throw new SnapshotFormatException(
          "snapshot was taken under other engine settings (fingerprint "
              + Long.toHexString(written)
              + ", these settings "
              + Long.toHexString(settingsFingerprint(e))
              + ")");
    }
  }

  static void writeClockSection(RiskEngine e, SnapshotWriter out) {
    out.beginSection(CLOCK, 1);
    out.writeLong(e.now);
    out.writeLong(e.tradingDay);
    out.writeLong(e.nextDayStartNanos);
    out.writeLong(e.nextExpiryNanos);
    out.writeLong(e.nextOrderKey);
    out.writeLong(e.returnsEpoch);
    out.endSection();
  }

  static void readClockSection(RiskEngine e, SnapshotReader in) {
    in.beginSection(CLOCK, 1);
    e.now = in.readLong();
    e.tradingDay = in.readLong();
    e.nextDayStartNanos = in.readLong();
    e.nextExpiryNanos = in.readLong();
    e.nextOrderKey = in.readLong();
    e.returnsEpoch = in.readLong();
    in.endSection();
  }

  static void writePositionSection(RiskEngine e, SnapshotWriter out) {
    out.beginSection(POSITIONS, 1);
    for (int i = 0; i < e.strategyCount; i++) {
      final Position[] row = e.positions[i];
      int n = 0;
      for (Position p : row) {
        n += p == null ? 0 : 1;
      }
      out.writeInt(row.length);
      out.writeInt(n);
      for (Position p : row) {
        if (p != null) {
          p.write(out);
        }
      }
    }
    out.endSection();
  }

  static void readPositionSection(RiskEngine e, SnapshotReader in) {
    in.beginSection(POSITIONS, 1);
    for (int i = 0; i < e.strategyCount; i++) {
      // The row's length counts instrument slots, most of them empty and not written: it is
      // bounded by itself, not by the bytes left (a strategy that traded one of many instruments
      // writes a long row in a few bytes).
      final int length = in.readInt();
      if (length < 0 || length > (1 << 22)) {
        throw in.invalid("a row of " + length + " positions");
      }
      final Position[] row = new Position[length];
      e.positions[i] = row;
      final int n = in.readCount(100, length, "positions of strategy " + e.strategies[i].name);
      for (int k = 0; k < n; k++) {
        final Position p = Position.readPosition(in);
        if (p.book != i
            || p.instrument < 0
            || p.instrument >= length
            || row[p.instrument] != null) {
          throw in.invalid("position of book " + p.book + " in instrument " + p.instrument);
        }
        row[p.instrument] = p;
      }
    }
    in.endSection();
  }

  /**
   * Open orders, the order keys of the day, and the day's order ids and fill ids, each in one
   * sequential pass. An order id whose order is still open is written once, with the order (see
   * {@link DayIds#write}).
   */
  static void writeOrderSection(RiskEngine e, SnapshotWriter out) {
    out.beginSection(ORDERS, 1);
    e.openOrders.write(out);
    e.orderKeysSeenToday.write(out);
    e.orderKeysById.write(out, e.openOrders);
    e.fillIdsToday.write(out, null);
    out.endSection();
  }

  static void readOrderSection(RiskEngine e, SnapshotReader in) {
    in.beginSection(ORDERS, 1);
    e.openOrders = OpenOrders.read(in);
    for (int slot : e.openOrders.openSlots()) {
      if (e.openOrders.books[slot] < 0
          || e.openOrders.books[slot] >= e.strategyCount
          || e.openOrders.instruments[slot] < 0
          || e.openOrders.instruments[slot] >= e.instrumentCount) {
        throw in.invalid(
            "an open order of book "
                + e.openOrders.books[slot]
                + " in instrument "
                + e.openOrders.instruments[slot]);
      }
    }
    e.orderKeysSeenToday.read(in);
    e.orderKeysById = DayIds.read(in, e.openOrders, 1024);
    e.fillIdsToday = DayIds.read(in, null, 1024);
    in.endSection();
  }
}
