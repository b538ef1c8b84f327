package io.riskgate.core.kill;

import io.riskgate.core.event.Side;
import io.riskgate.core.position.Position;

/**
 * The engine's state as the kill switch reads and acts on it: the scopes, the books' positions, the
 * open orders by slot, and the one change it makes beyond a scope's flag, reserving the orders it
 * sends itself to flatten. Implemented over the engine's state.
 */
public interface KillState {
  /** The engine's clock (event time). */
  long now();

  KillScope firm();

  int accountCount();

  KillScope account(int account);

  int strategyCount();

  KillScope strategy(int strategy);

  /** The account of a book (strategy). */
  int strategyAccount(int book);

  /** A book's positions by instrument id (null where none). */
  Position[] positions(int book);

  /** The slots of the open orders, in slot order; a new array. */
  int[] openOrderSlots();

  /** The slot of the open order under {@code key}, or {@code LongIntHashMap.MISSING}. */
  int openOrderSlot(long key);

  long openOrderKey(int slot);

  /** The order's id as its sender gave it, or null on the primitive path. */
  String openOrderId(int slot);

  int openOrderBook(int slot);

  int openOrderInstrument(int slot);

  Side openOrderSide(int slot);

  long openOrderRemaining(int slot);

  /** Registers an order id of the engine's own and returns its key; -1 when the id is taken. */
  long registerEngineOrder(String orderId);

  /** Reserves an order of the engine's own, at market, without checks. */
  void reserveEngineOrder(long key, String orderId, int book, int instrument, Side side, long qty);

  String accountName(int account);

  String strategyName(int strategy);

  String symbol(int instrument);

  String venue(int instrument);
}
