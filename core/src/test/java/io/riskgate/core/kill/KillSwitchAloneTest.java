package io.riskgate.core.kill;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.core.collections.LongIntHashMap;
import io.riskgate.core.event.Side;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.monitor.Alert;
import io.riskgate.core.position.Position;
import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kill switch's acting half over a hand-made state, with no engine: one account, two
 * strategies, one instrument. What it cancels and flattens, when it retries, when it gives up, and
 * that its snapshot reads back to the same bytes.
 */
class KillSwitchAloneTest {
  private static final long SECOND = 1_000_000_000L;

  private final World world = new World();
  private KillSwitch killSwitch;

  @BeforeEach
  void setUp() {
    world.open(11, "o-1", 0, Side.BUY, 3);
    world.open(12, "o-2", 1, Side.SELL, 4);
    world.positions[0][0].net = 5;
    world.positions[1][0].net = -2;
    killSwitch = new KillSwitch(world, world, KillSwitchSettings.manualOnly());
  }

  @Test
  void killingAStrategyCancelsAndFlattensOnlyItsOwnBookAtTheEndOfTheEvent() {
    killSwitch.kill(world.strategies[0], "risk");

    assertTrue(world.strategies[0].killed);
    assertEquals(List.of("strategy:S0 ARMED->KILLED kill switch by risk"), world.states);
    assertEquals(1, world.alerts.size());
    assertEquals(Alert.Level.CRITICAL, world.alerts.get(0).level());
    assertEquals(List.of(), world.actions, "nothing is sent before the end of the event");

    killSwitch.afterEvent();

    assertEquals(2, world.actions.size());
    final Action cancel = world.actions.get(0);
    assertEquals(Action.Kind.CANCEL, cancel.kind());
    assertEquals("o-1", cancel.orderId());
    assertEquals(3, cancel.quantity());
    final Action flatten = world.actions.get(1);
    assertEquals(Action.Kind.FLATTEN, flatten.kind());
    assertEquals("flatten-1", flatten.orderId());
    assertEquals(Side.SELL, flatten.side());
    assertEquals(5, flatten.quantity());
    assertEquals("S0", flatten.strategy());
    assertEquals("A", flatten.account());
    assertEquals("BTC-USD", flatten.symbol());
    assertEquals(1, world.reserved.size(), "the flattening order is reserved");
    assertTrue(killSwitch.isEngineOrder(world.keyOf("flatten-1")));
    assertFalse(killSwitch.isEngineOrder(11));
  }

  @Test
  void killingTheFirmReachesEveryBook() {
    killSwitch.kill(world.firm, "");
    killSwitch.afterEvent();

    assertEquals(
        List.of("CANCEL o-1", "CANCEL o-2", "FLATTEN flatten-1", "FLATTEN flatten-2"),
        world.actionNames());
    assertEquals(Side.BUY, world.actions.get(3).side());
    assertEquals(2, world.actions.get(3).quantity());
  }

  @Test
  void anUnconfirmedInstructionIsSentAgainAfterTheIntervalUntilItsAttemptsRunOut() {
    killSwitch.kill(world.strategies[0], "");
    killSwitch.afterEvent();
    world.close(11); // the cancel is confirmed; the flatten is not
    world.actions.clear();

    world.now = 5 * SECOND - 1;
    killSwitch.afterEvent();
    assertEquals(List.of(), world.actions, "not before the retry interval");

    for (int attempt = 2; attempt <= 5; attempt++) {
      world.now = (attempt - 1) * 5 * SECOND;
      killSwitch.afterEvent();
      assertEquals(List.of("FLATTEN flatten-1"), world.actionNames(), "attempt " + attempt);
      assertEquals(attempt, world.actions.get(0).attempt());
      world.actions.clear();
    }
    final int alertsBefore = world.alerts.size();
    world.now = 25 * SECOND;
    killSwitch.afterEvent();
    assertEquals(List.of(), world.actions);
    assertEquals(alertsBefore + 1, world.alerts.size());
    assertEquals("RETRIES_EXHAUSTED", world.alerts.get(alertsBefore).code());
  }

  @Test
  void aRearmedScopeIsNoLongerFollowed() {
    killSwitch.kill(world.strategies[0], "");
    killSwitch.afterEvent();
    killSwitch.rearm(world.strategies[0], "risk");
    world.actions.clear();

    assertFalse(world.strategies[0].killed);
    assertEquals("strategy:S0 KILLED->ARMED re-armed by risk", world.states.get(1));
    world.now = 5 * SECOND;
    killSwitch.afterEvent();
    assertEquals(List.of(), world.actions);
  }

  @Test
  void aSnapshotReadsBackToTheSameBytes() {
    killSwitch.kill(world.strategies[0], "");
    killSwitch.afterEvent();
    killSwitch.kill(world.accounts[0], "");
    final byte[] written = write(killSwitch);

    final KillSwitch restored = new KillSwitch(world, world, KillSwitchSettings.manualOnly());
    final SnapshotReader in = new SnapshotReader(written, 0, written.length);
    restored.readHead(in);
    restored.readTail(in);
    in.requireEnd();

    assertArrayEquals(written, write(restored));
    assertTrue(restored.isEngineOrder(world.keyOf("flatten-1")));
  }

  private static byte[] write(KillSwitch k) {
    final SnapshotWriter out = new SnapshotWriter(256);
    k.writeHead(out);
    k.writeTail(out);
    return out.toByteArray();
  }

  /** A scope of the hand-made world. */
  private static final class TestKillScope implements KillScope {
    final Scope.Kind kind;
    final int id;
    final Scope scope;
    boolean killed;

    TestKillScope(Scope.Kind kind, int id, String name) {
      this.kind = kind;
      this.id = id;
      this.scope = kind == Scope.Kind.FIRM ? Scope.FIRM : new Scope(kind, name);
    }

    @Override
    public Scope.Kind kind() {
      return kind;
    }

    @Override
    public int id() {
      return id;
    }

    @Override
    public Scope scope() {
      return scope;
    }

    @Override
    public boolean killed() {
      return killed;
    }

    @Override
    public void setKilled(boolean killed) {
      this.killed = killed;
    }
  }

  /** One account "A", strategies "S0" and "S1" in it, instrument 0 "BTC-USD" on venue "X". */
  private static final class World implements KillState, KillOutput {
    long now;
    final TestKillScope firm = new TestKillScope(Scope.Kind.FIRM, 0, "");
    final TestKillScope[] accounts = {new TestKillScope(Scope.Kind.ACCOUNT, 0, "A")};
    final TestKillScope[] strategies = {
      new TestKillScope(Scope.Kind.STRATEGY, 0, "S0"),
      new TestKillScope(Scope.Kind.STRATEGY, 1, "S1")
    };
    final Position[][] positions = {{new Position(0, 0)}, {new Position(1, 0)}};

    /** Open orders by slot: key, id, book, side, remaining. */
    final TreeMap<Integer, Object[]> open = new TreeMap<>();

    final TreeMap<String, Long> keys = new TreeMap<>();
    long nextKey = 100;
    final List<String> reserved = new ArrayList<>();
    final List<String> states = new ArrayList<>();
    final List<Alert> alerts = new ArrayList<>();
    final List<Action> actions = new ArrayList<>();

    void open(long key, String id, int book, Side side, long remaining) {
      open.put(
          open.isEmpty() ? 0 : open.lastKey() + 1, new Object[] {key, id, book, side, remaining});
    }

    void close(long key) {
      open.values().removeIf(o -> (long) o[0] == key);
    }

    long keyOf(String id) {
      return keys.get(id);
    }

    List<String> actionNames() {
      final List<String> names = new ArrayList<>();
      for (Action a : actions) {
        names.add(a.kind() + " " + a.orderId());
      }
      return names;
    }

    @Override
    public long now() {
      return now;
    }

    @Override
    public KillScope firm() {
      return firm;
    }

    @Override
    public int accountCount() {
      return accounts.length;
    }

    @Override
    public KillScope account(int account) {
      return accounts[account];
    }

    @Override
    public int strategyCount() {
      return strategies.length;
    }

    @Override
    public KillScope strategy(int strategy) {
      return strategies[strategy];
    }

    @Override
    public int strategyAccount(int book) {
      return 0;
    }

    @Override
    public Position[] positions(int book) {
      return positions[book];
    }

    @Override
    public int[] openOrderSlots() {
      return open.keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public int openOrderSlot(long key) {
      for (var entry : open.entrySet()) {
        if ((long) entry.getValue()[0] == key) {
          return entry.getKey();
        }
      }
      return LongIntHashMap.MISSING;
    }

    @Override
    public long openOrderKey(int slot) {
      return (long) open.get(slot)[0];
    }

    @Override
    public String openOrderId(int slot) {
      return (String) open.get(slot)[1];
    }

    @Override
    public int openOrderBook(int slot) {
      return (int) open.get(slot)[2];
    }

    @Override
    public int openOrderInstrument(int slot) {
      return 0;
    }

    @Override
    public Side openOrderSide(int slot) {
      return (Side) open.get(slot)[3];
    }

    @Override
    public long openOrderRemaining(int slot) {
      return (long) open.get(slot)[4];
    }

    @Override
    public long registerEngineOrder(String orderId) {
      if (keys.containsKey(orderId)) {
        return -1;
      }
      keys.put(orderId, nextKey);
      return nextKey++;
    }

    @Override
    public void reserveEngineOrder(
        long key, String orderId, int book, int instrument, Side side, long qty) {
      reserved.add(orderId);
      open(key, orderId, book, side, qty);
    }

    @Override
    public String accountName(int account) {
      return accounts[account].scope.name();
    }

    @Override
    public String strategyName(int strategy) {
      return strategies[strategy].scope.name();
    }

    @Override
    public String symbol(int instrument) {
      return "BTC-USD";
    }

    @Override
    public String venue(int instrument) {
      return "X";
    }

    @Override
    public void onKillState(Scope scope, String from, String to, String reason) {
      states.add(scope + " " + from + "->" + to + " " + reason);
    }

    @Override
    public void onAlert(Alert alert) {
      alerts.add(alert);
    }

    @Override
    public void onAction(Action action) {
      actions.add(action);
    }
  }
}
