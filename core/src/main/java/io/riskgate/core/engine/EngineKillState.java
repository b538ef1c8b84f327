package io.riskgate.core.engine;

import io.riskgate.core.event.Side;
import io.riskgate.core.kill.Action;
import io.riskgate.core.kill.KillOutput;
import io.riskgate.core.kill.KillScope;
import io.riskgate.core.kill.KillState;
import io.riskgate.core.limit.Scope;
import io.riskgate.core.monitor.Alert;
import io.riskgate.core.position.Position;

/**
 * The engine's state as {@link io.riskgate.core.kill.KillSwitch} reads and acts on it (the open
 * orders by slot, the reservation of its flattening orders), and where its acts go (the engine's
 * sink).
 */
final class EngineKillState implements KillState, KillOutput {
  private final RiskEngine e;
  private final OrderRequest flattenOrder = new OrderRequest();

  EngineKillState(RiskEngine e) {
    this.e = e;
  }

  @Override
  public long now() {
    return e.now;
  }

  @Override
  public KillScope firm() {
    return e.firm;
  }

  @Override
  public int accountCount() {
    return e.accountCount;
  }

  @Override
  public KillScope account(int account) {
    return e.accounts[account];
  }

  @Override
  public int strategyCount() {
    return e.strategyCount;
  }

  @Override
  public KillScope strategy(int strategy) {
    return e.strategies[strategy];
  }

  @Override
  public int strategyAccount(int book) {
    return e.strategyAccount[book];
  }

  @Override
  public Position[] positions(int book) {
    return e.positions[book];
  }

  @Override
  public int[] openOrderSlots() {
    return e.openOrders.openSlots();
  }

  @Override
  public int openOrderSlot(long key) {
    return e.openOrders.slot(key);
  }

  @Override
  public long openOrderKey(int slot) {
    return e.openOrders.keys[slot];
  }

  @Override
  public String openOrderId(int slot) {
    return e.openOrders.ids[slot];
  }

  @Override
  public int openOrderBook(int slot) {
    return e.openOrders.books[slot];
  }

  @Override
  public int openOrderInstrument(int slot) {
    return e.openOrders.instruments[slot];
  }

  @Override
  public Side openOrderSide(int slot) {
    return e.openOrders.sides[slot] > 0 ? Side.BUY : Side.SELL;
  }

  @Override
  public long openOrderRemaining(int slot) {
    return e.openOrders.remaining[slot];
  }

  @Override
  public long registerEngineOrder(String orderId) {
    return e.registerEngineOrder(orderId);
  }

  @Override
  public void reserveEngineOrder(
      long key, String orderId, int book, int instrument, Side side, long qty) {
    flattenOrder.set(
        e.now, key, orderId, e.strategyAccount[book], book, instrument, side, qty, 0, 0);
    e.reserve(flattenOrder);
  }

  @Override
  public String accountName(int account) {
    return e.accounts[account].name;
  }

  @Override
  public String strategyName(int strategy) {
    return e.strategies[strategy].name;
  }

  @Override
  public String symbol(int instrument) {
    return e.instruments[instrument].definition.symbol();
  }

  @Override
  public String venue(int instrument) {
    return e.instruments[instrument].definition.venue();
  }

  @Override
  public void onKillState(Scope scope, String from, String to, String reason) {
    e.sink.onStateChange(new StateChange(e.now, scope, "kill", from, to, reason));
  }

  @Override
  public void onAlert(Alert alert) {
    e.sink.onAlert(alert);
  }

  @Override
  public void onAction(Action action) {
    e.sink.onAction(action);
  }
}
