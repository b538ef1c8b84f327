package io.riskgate.core.engine;

import io.riskgate.core.collections.LongIntHashMap;
import io.riskgate.core.event.Side;
import io.riskgate.core.kill.Action;
import io.riskgate.core.kill.KillSwitchSettings;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.monitor.Alert;
import io.riskgate.core.position.Position;
import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The kill switch's acting half: a killed scope's open orders cancelled and its positions flattened
 * with orders of the engine's own (reserved without checks) at the end of the event, each
 * instruction tracked until its order is no longer open, sent again after the retry interval up to
 * the maximum attempts, then a CRITICAL {@code RETRIES_EXHAUSTED} alert. What kills a scope is
 * decided in {@code core.kill} ({@link io.riskgate.core.kill.KillTriggers}, {@link
 * io.riskgate.core.kill.VenueWatch}) or by a person; this class needs the engine's open orders,
 * positions and reservations, so it lives with them.
 */
final class KillSwitch {
  private final RiskEngine engine;
  private final KillSwitchSettings kill;

  private final List<Ledger> pendingKills = new ArrayList<>();
  private final List<Instruction> instructions = new ArrayList<>();
  private final LongIntHashMap engineOrders = new LongIntHashMap(64);
  private final OrderRequest flattenOrder = new OrderRequest();
  private long nextRetryNanos = Long.MAX_VALUE;
  private long flattenSequence;

  /** One cancel or flatten the engine sent and waits to see confirmed. */
  private static final class Instruction {
    final Action.Kind kind;
    final Ledger scope;
    final long orderKey;
    final String orderId;
    final int book;
    final int instrument;
    final Side side;
    int attempts = 1;
    long lastAttemptNanos;
    boolean exhausted;

    Instruction(
        Action.Kind kind,
        Ledger scope,
        long orderKey,
        String orderId,
        int book,
        int instrument,
        Side side,
        long now) {
      this.kind = kind;
      this.scope = scope;
      this.orderKey = orderKey;
      this.orderId = orderId;
      this.book = book;
      this.instrument = instrument;
      this.side = side;
      this.lastAttemptNanos = now;
    }
  }

  KillSwitch(RiskEngine engine, KillSwitchSettings kill) {
    this.engine = engine;
    this.kill = kill;
  }

  /** Runs what an event left to do: executes new kills, retries unconfirmed instructions. */
  void afterEvent() {
    if (!pendingKills.isEmpty()) {
      for (int i = 0; i < pendingKills.size(); i++) {
        execute(pendingKills.get(i));
      }
      pendingKills.clear();
    }
    if (engine.now >= nextRetryNanos) {
      retry(engine.now);
    }
  }

  /** A person pressed the kill switch of a scope. */
  void kill(Ledger ledger, String by) {
    trigger(ledger, "kill switch" + (by.isEmpty() ? "" : " by " + by), 1, 0);
  }

  /** A person re-armed a killed scope: its unconfirmed instructions are no longer followed. */
  void rearm(Ledger ledger, String by) {
    if (!ledger.killed) {
      return;
    }
    ledger.killed = false;
    final String reason = "re-armed" + (by.isEmpty() ? "" : " by " + by);
    engine.sink.onStateChange(
        new StateChange(engine.now, ledger.scope(), "kill", "KILLED", "ARMED", reason));
    engine.sink.onAlert(
        new Alert(
            engine.now,
            Alert.Level.CRITICAL,
            "KILL_SWITCH",
            ledger.scope(),
            false,
            reason,
            0,
            0,
            "trading may resume"));
    pendingKills.remove(ledger);
    instructions.removeIf(i -> i.scope == ledger);
  }

  /** Kills a scope: state output, CRITICAL alert; the orders go out at the end of the event. */
  void trigger(Ledger ledger, String reason, double value, double threshold) {
    if (ledger.killed) {
      return;
    }
    ledger.killed = true;
    engine.sink.onStateChange(
        new StateChange(engine.now, ledger.scope(), "kill", "ARMED", "KILLED", reason));
    engine.sink.onAlert(
        new Alert(
            engine.now,
            Alert.Level.CRITICAL,
            "KILL_SWITCH",
            ledger.scope(),
            true,
            reason,
            value,
            threshold,
            "cancelling every open order and flattening every position in scope; re-arm when"
                + " safe"));
    pendingKills.add(ledger);
  }

  /** Whether the open order under {@code key} is one the engine sent itself to flatten. */
  boolean isEngineOrder(long key) {
    return engineOrders.get(key) != LongIntHashMap.MISSING;
  }

  private boolean inScope(Ledger scope, int book) {
    return switch (scope.kind) {
      case FIRM -> true;
      case ACCOUNT -> engine.strategyAccount[book] == scope.id;
      case STRATEGY -> book == scope.id;
      default -> false;
    };
  }

  private void execute(Ledger scope) {
    final OpenOrders open = engine.openOrders;
    for (int slot : open.openSlots()) {
      final long key = open.keys[slot];
      if (!inScope(scope, open.books[slot])
          || engineOrders.get(key) != LongIntHashMap.MISSING
          || tracked(key)) {
        continue;
      }
      final Instruction cancel =
          new Instruction(
              Action.Kind.CANCEL,
              scope,
              key,
              open.ids[slot] != null ? open.ids[slot] : Long.toString(key),
              open.books[slot],
              open.instruments[slot],
              open.sides[slot] > 0 ? Side.BUY : Side.SELL,
              engine.now);
      instructions.add(cancel);
      emit(cancel, open.remaining[slot], "kill switch: cancel open order");
    }
    flattenScope(scope);
    nextRetryNanos = Math.min(nextRetryNanos, engine.now + kill.retryIntervalNanos());
  }

  private boolean tracked(long key) {
    for (Instruction i : instructions) {
      if (i.orderKey == key) {
        return true;
      }
    }
    return false;
  }

  /** Sends a flattening order for every position in scope not already covered by one. */
  private void flattenScope(Ledger scope) {
    for (int book = 0; book < engine.strategyCount; book++) {
      if (!inScope(scope, book)) {
        continue;
      }
      for (Position p : engine.positions[book]) {
        if (p == null || p.net == 0) {
          continue;
        }
        final Side side = p.net > 0 ? Side.SELL : Side.BUY;
        long covered = 0;
        for (Instruction i : instructions) {
          if (i.kind == Action.Kind.FLATTEN
              && i.book == book
              && i.instrument == p.instrument
              && i.side == side) {
            final int slot = engine.openOrders.slot(i.orderKey);
            covered += slot == LongIntHashMap.MISSING ? 0 : engine.openOrders.remaining[slot];
          }
        }
        final long needed = Math.abs(p.net) - covered;
        if (needed > 0) {
          flatten(scope, book, p.instrument, side, needed);
        }
      }
    }
  }

  private void flatten(Ledger scope, int book, int instrument, Side side, long quantity) {
    long key;
    String id;
    do {
      id = "flatten-" + (++flattenSequence);
      key = engine.registerEngineOrder(id);
    } while (key < 0);
    flattenOrder.set(
        engine.now, key, id, engine.strategyAccount[book], book, instrument, side, quantity, 0, 0);
    engine.reserve(flattenOrder);
    engineOrders.put(key, 0);
    final Instruction flatten =
        new Instruction(Action.Kind.FLATTEN, scope, key, id, book, instrument, side, engine.now);
    instructions.add(flatten);
    emit(flatten, quantity, "kill switch: flatten position");
  }

  private void emit(Instruction i, long quantity, String reason) {
    engine.sink.onAction(
        new Action(
            engine.now,
            i.kind,
            i.scope.scope(),
            i.orderId,
            engine.accounts[engine.strategyAccount[i.book]].name,
            engine.strategies[i.book].name,
            engine.instruments[i.instrument].definition.symbol(),
            engine.instruments[i.instrument].definition.venue(),
            i.side,
            quantity,
            i.attempts,
            reason));
  }

  private void retry(long now) {
    nextRetryNanos = Long.MAX_VALUE;
    for (Iterator<Instruction> it = instructions.iterator(); it.hasNext(); ) {
      final Instruction i = it.next();
      final int slot = engine.openOrders.slot(i.orderKey);
      if (slot == LongIntHashMap.MISSING) {
        it.remove();
        continue;
      }
      if (i.exhausted) {
        continue;
      }
      if (now >= i.lastAttemptNanos + kill.retryIntervalNanos()) {
        if (i.attempts < kill.maxAttempts()) {
          i.attempts++;
          i.lastAttemptNanos = now;
          emit(
              i,
              engine.openOrders.remaining[slot],
              i.kind == Action.Kind.CANCEL
                  ? "kill switch: cancel not confirmed, retry"
                  : "kill switch: flatten not confirmed, retry");
        } else {
          i.exhausted = true;
          engine.sink.onAlert(
              new Alert(
                  now,
                  Alert.Level.CRITICAL,
                  "RETRIES_EXHAUSTED",
                  i.scope.scope(),
                  true,
                  "retries exhausted: "
                      + (i.kind == Action.Kind.CANCEL ? "cancel of " : "flatten order ")
                      + i.orderId
                      + " not confirmed after "
                      + i.attempts
                      + " attempts",
                  i.attempts,
                  kill.maxAttempts(),
                  "act at the venue by hand"));
          continue;
        }
      }
      nextRetryNanos = Math.min(nextRetryNanos, i.lastAttemptNanos + kill.retryIntervalNanos());
    }
    for (Ledger ledger : killedLedgers()) {
      final int before = instructions.size();
      flattenScope(ledger);
      if (instructions.size() != before) {
        nextRetryNanos = Math.min(nextRetryNanos, now + kill.retryIntervalNanos());
      }
    }
  }

  void writeHead(SnapshotWriter out) {
    out.writeLong(nextRetryNanos);
    out.writeLong(flattenSequence);
  }

  void writeTail(SnapshotWriter out) {
    out.writeInt(pendingKills.size());
    for (Ledger l : pendingKills) {
      writeLedgerRef(out, l);
    }
    out.writeInt(instructions.size());
    for (Instruction i : instructions) {
      out.writeEnum(i.kind);
      writeLedgerRef(out, i.scope);
      out.writeLong(i.orderKey);
      out.writeString(i.orderId);
      out.writeInt(i.book);
      out.writeInt(i.instrument);
      out.writeEnum(i.side);
      out.writeInt(i.attempts);
      out.writeLong(i.lastAttemptNanos);
      out.writeBoolean(i.exhausted);
    }
    engineOrders.write(out);
  }

  void readHead(SnapshotReader in) {
    nextRetryNanos = in.readLong();
    flattenSequence = in.readLong();
  }

  void readTail(SnapshotReader in) {
    pendingKills.clear();
    final int kills = in.readCount(5);
    for (int k = 0; k < kills; k++) {
      pendingKills.add(readLedgerRef(in));
    }
    instructions.clear();
    final int n = in.readCount(30);
    for (int k = 0; k < n; k++) {
      final Action.Kind kind = in.readEnumNonNull(Action.Kind.class);
      final Ledger scope = readLedgerRef(in);
      final long orderKey = in.readLong();
      final String orderId = in.readString();
      final int book = in.readInt();
      final int instrument = in.readInt();
      final Side side = in.readEnum(Side.class);
      final Instruction i =
          new Instruction(kind, scope, orderKey, orderId, book, instrument, side, 0);
      i.attempts = in.readInt();
      i.lastAttemptNanos = in.readLong();
      i.exhausted = in.readBoolean();
      instructions.add(i);
    }
    engineOrders.read(in);
  }

  /** The killed ledgers, the firm first, then the accounts, then the strategies. */
  private List<Ledger> killedLedgers() {
    final List<Ledger> killed = new ArrayList<>();
    if (engine.firm.killed) {
      killed.add(engine.firm);
    }
    for (int i = 0; i < engine.accountCount; i++) {
      if (engine.accounts[i].killed) {
        killed.add(engine.accounts[i]);
      }
    }
    for (int i = 0; i < engine.strategyCount; i++) {
      if (engine.strategies[i].killed) {
        killed.add(engine.strategies[i]);
      }
    }
    return killed;
  }

  private static void writeLedgerRef(SnapshotWriter out, Ledger ledger) {
    out.writeByte(ledger.kind.ordinal());
    out.writeInt(ledger.id);
  }

  private Ledger readLedgerRef(SnapshotReader in) {
    final int kind = in.readByte();
    final int id = in.readInt();
    if (kind == Scope.Kind.FIRM.ordinal() && id == 0) {
      return engine.firm;
    }
    if (kind == Scope.Kind.ACCOUNT.ordinal() && id >= 0 && id < engine.accountCount) {
      return engine.accounts[id];
    }
    if (kind == Scope.Kind.STRATEGY.ordinal() && id >= 0 && id < engine.strategyCount) {
      return engine.strategies[id];
    }
    throw in.invalid("a scope of kind " + kind + " and id " + id + " that does not exist");
  }
}
