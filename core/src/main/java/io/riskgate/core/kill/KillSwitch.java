package io.riskgate.core.kill;

import io.riskgate.core.collections.LongIntHashMap;
import io.riskgate.core.event.Side;
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
 * decided in {@code core.kill} ({@link KillTriggers}, {@link VenueWatch}) or by a person; the open
 * orders, positions and reservations this needs reach it through {@link KillState}, and what it
 * sends goes to {@link KillOutput}.
 */
public final class KillSwitch {
  private final KillState state;
  private final KillOutput output;
  private final KillSwitchSettings kill;

  private final List<KillScope> pendingKills = new ArrayList<>();
  private final List<KillInstruction> instructions = new ArrayList<>();
  private final LongIntHashMap engineOrders = new LongIntHashMap(64);
  private long nextRetryNanos = Long.MAX_VALUE;
  private long flattenSequence;

  public KillSwitch(KillState state, KillOutput output, KillSwitchSettings kill) {
    this.state = state;
    this.output = output;
    this.kill = kill;
  }

  /** Runs what an event left to do: executes new kills, retries unconfirmed instructions. */
  public void afterEvent() {
    if (!pendingKills.isEmpty()) {
      for (int i = 0; i < pendingKills.size(); i++) {
        execute(pendingKills.get(i));
      }
      pendingKills.clear();
    }
    final long now = state.now();
    if (now >= nextRetryNanos) {
      retry(now);
    }
  }

  /** A person pressed the kill switch of a scope. */
  public void kill(KillScope ledger, String by) {
    trigger(ledger, "kill switch" + (by.isEmpty() ? "" : " by " + by), 1, 0);
  }

  /** A person re-armed a killed scope: its unconfirmed instructions are no longer followed. */
  public void rearm(KillScope ledger, String by) {
    if (!ledger.killed()) {
      return;
    }
    ledger.setKilled(false);
    final String reason = "re-armed" + (by.isEmpty() ? "" : " by " + by);
    output.onKillState(ledger.scope(), "KILLED", "ARMED", reason);
    output.onAlert(
        new Alert(
            state.now(),
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
  public void trigger(KillScope ledger, String reason, double value, double threshold) {
    if (ledger.killed()) {
      return;
    }
    ledger.setKilled(true);
    output.onKillState(ledger.scope(), "ARMED", "KILLED", reason);
    output.onAlert(
        new Alert(
            state.now(),
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
  public boolean isEngineOrder(long key) {
    return engineOrders.get(key) != LongIntHashMap.MISSING;
  }

  private boolean inScope(KillScope scope, int book) {
    return switch (scope.kind()) {
      case FIRM -> true;
      case ACCOUNT -> state.strategyAccount(book) == scope.id();
      case STRATEGY -> book == scope.id();
      default -> false;
    };
  }

  private void execute(KillScope scope) {
    final long now = state.now();
    for (int slot : state.openOrderSlots()) {
      final long key = state.openOrderKey(slot);
      final int book = state.openOrderBook(slot);
      if (!inScope(scope, book)
          || engineOrders.get(key) != LongIntHashMap.MISSING
          || tracked(key)) {
        continue;
      }
      final String id = state.openOrderId(slot);
      final KillInstruction cancel =
          new KillInstruction(
              Action.Kind.CANCEL,
              scope,
              key,
              id != null ? id : Long.toString(key),
              book,
              state.openOrderInstrument(slot),
              state.openOrderSide(slot),
              now);
      instructions.add(cancel);
      emit(cancel, state.openOrderRemaining(slot), "kill switch: cancel open order");
    }
    flattenScope(scope);
    nextRetryNanos = Math.min(nextRetryNanos, now + kill.retryIntervalNanos());
  }

  private boolean tracked(long key) {
    for (KillInstruction i : instructions) {
      if (i.orderKey == key) {
        return true;
      }
    }
    return false;
  }

  /** Sends a flattening order for every position in scope not already covered by one. */
  private void flattenScope(KillScope scope) {
    for (int book = 0; book < state.strategyCount(); book++) {
      if (!inScope(scope, book)) {
        continue;
      }
      for (Position p : state.positions(book)) {
        if (p == null || p.net == 0) {
          continue;
        }
        final Side side = p.net > 0 ? Side.SELL : Side.BUY;
        long covered = 0;
        for (KillInstruction i : instructions) {
          if (i.kind == Action.Kind.FLATTEN
              && i.book == book
              && i.instrument == p.instrument
              && i.side == side) {
            final int slot = state.openOrderSlot(i.orderKey);
            covered += slot == LongIntHashMap.MISSING ? 0 : state.openOrderRemaining(slot);
          }
        }
        final long needed = Math.abs(p.net) - covered;
        if (needed > 0) {
          flatten(scope, book, p.instrument, side, needed);
        }
      }
    }
  }

  private void flatten(KillScope scope, int book, int instrument, Side side, long quantity) {
    long key;
    String id;
    do {
      id = "flatten-" + (++flattenSequence);
      key = state.registerEngineOrder(id);
    } while (key < 0);
    state.reserveEngineOrder(key, id, book, instrument, side, quantity);
    engineOrders.put(key, 0);
    final KillInstruction flatten =
        new KillInstruction(
            Action.Kind.FLATTEN, scope, key, id, book, instrument, side, state.now());
    instructions.add(flatten);
    emit(flatten, quantity, "kill switch: flatten position");
  }

  private void emit(KillInstruction i, long quantity, String reason) {
    output.onAction(
        new Action(
            state.now(),
            i.kind,
            i.scope.scope(),
            i.orderId,
            state.accountName(state.strategyAccount(i.book)),
            state.strategyName(i.book),
            state.symbol(i.instrument),
            state.venue(i.instrument),
            i.side,
            quantity,
            i.attempts,
            reason));
  }

  private void retry(long now) {
    nextRetryNanos = Long.MAX_VALUE;
    for (Iterator<KillInstruction> it = instructions.iterator(); it.hasNext(); ) {
      final KillInstruction i = it.next();
      final int slot = state.openOrderSlot(i.orderKey);
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
              state.openOrderRemaining(slot),
              i.kind == Action.Kind.CANCEL
                  ? "kill switch: cancel not confirmed, retry"
                  : "kill switch: flatten not confirmed, retry");
        } else {
          i.exhausted = true;
          output.onAlert(
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
    for (KillScope ledger : killedLedgers()) {
      final int before = instructions.size();
      flattenScope(ledger);
      if (instructions.size() != before) {
        nextRetryNanos = Math.min(nextRetryNanos, now + kill.retryIntervalNanos());
      }
    }
  }

  public void writeHead(SnapshotWriter out) {
    out.writeLong(nextRetryNanos);
    out.writeLong(flattenSequence);
  }

  public void writeTail(SnapshotWriter out) {
    out.writeInt(pendingKills.size());
    for (KillScope l : pendingKills) {
      writeLedgerRef(out, l);
    }
    out.writeInt(instructions.size());
    for (KillInstruction i : instructions) {
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

  public void readHead(SnapshotReader in) {
    nextRetryNanos = in.readLong();
    flattenSequence = in.readLong();
  }

  public void readTail(SnapshotReader in) {
    pendingKills.clear();
    final int kills = in.readCount(5);
    for (int k = 0; k < kills; k++) {
      pendingKills.add(readLedgerRef(in));
    }
    instructions.clear();
    final int n = in.readCount(30);
    for (int k = 0; k < n; k++) {
      final Action.Kind kind = in.readEnumNonNull(Action.Kind.class);
      final KillScope scope = readLedgerRef(in);
      final long orderKey = in.readLong();
      final String orderId = in.readString();
      final int book = in.readInt();
      final int instrument = in.readInt();
      final Side side = in.readEnum(Side.class);
      final KillInstruction i =
          new KillInstruction(kind, scope, orderKey, orderId, book, instrument, side, 0);
      i.attempts = in.readInt();
      i.lastAttemptNanos = in.readLong();
      i.exhausted = in.readBoolean();
      instructions.add(i);
    }
    engineOrders.read(in);
  }

  /** The killed ledgers, the firm first, then the accounts, then the strategies. */
  private List<KillScope> killedLedgers() {
    final List<KillScope> killed = new ArrayList<>();
    if (state.firm().killed()) {
      killed.add(state.firm());
    }
    for (int i = 0; i < state.accountCount(); i++) {
      if (state.account(i).killed()) {
        killed.add(state.account(i));
      }
    }
    for (int i = 0; i < state.strategyCount(); i++) {
      if (state.strategy(i).killed()) {
        killed.add(state.strategy(i));
      }
    }
    return killed;
  }

  private static void writeLedgerRef(SnapshotWriter out, KillScope ledger) {
    out.writeByte(ledger.kind().ordinal());
    out.writeInt(ledger.id());
  }

  private KillScope readLedgerRef(SnapshotReader in) {
    final int kind = in.readByte();
    final int id = in.readInt();
    if (kind == Scope.Kind.FIRM.ordinal() && id == 0) {
      return state.firm();
    }
    if (kind == Scope.Kind.ACCOUNT.ordinal() && id >= 0 && id < state.accountCount()) {
      return state.account(id);
    }
    if (kind == Scope.Kind.STRATEGY.ordinal() && id >= 0 && id < state.strategyCount()) {
      return state.strategy(id);
    }
    throw in.invalid("a scope of kind " + kind + " and id " + id + " that does not exist");
  }
}
