package io.riskgate.server.runtime;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The strategy of every order id seen, for the authorization of a trader's fills and cancels: a map
 * for lookups plus the same pairs in an append-only log, so a snapshot captures them in constant
 * time on the engine thread ({@link #prefix}) and another thread writes them out.
 *
 * <p>The log is a table of fixed-size chunks that never move once allocated; appending writes only
 * slots past every captured prefix, so a prefix handed to another thread (with the happens-before
 * of the hand-over) stays valid while the engine thread keeps appending. Engine thread only, except
 * for reading a captured {@link Prefix}.
 */
final class OrderStrategies {
  private static final int CHUNK_BITS = 14;
  private static final int CHUNK = 1 << CHUNK_BITS;

  private final Map<String, String> byOrder = new HashMap<>();
  private String[][] ids = new String[16][];
  private String[][] strategies = new String[16][];
  private int size;

  /** The strategy of {@code orderId}, or null if it was never seen. */
  String get(String orderId) {
    return byOrder.get(orderId);
  }

  /** Records the strategy of an order id the first time it is seen. */
  void putIfAbsent(String orderId, String strategy) {
    if (byOrder.putIfAbsent(orderId, strategy) != null) {
      return;
    }
    final int chunk = size >>> CHUNK_BITS;
    if (chunk == ids.length) {
      ids = Arrays.copyOf(ids, chunk * 2);
      strategies = Arrays.copyOf(strategies, chunk * 2);
    }
    if (ids[chunk] == null) {
      ids[chunk] = new String[CHUNK];
      strategies[chunk] = new String[CHUNK];
    }
    ids[chunk][size & (CHUNK - 1)] = orderId;
    strategies[chunk][size & (CHUNK - 1)] = strategy;
    size++;
  }

  /** How many order ids were seen. */
  int size() {
    return size;
  }

  /** The pairs recorded so far, in the order they were seen, readable from another thread. */
  Prefix prefix() {
    return new Prefix(ids.clone(), strategies.clone(), size);
  }

  /** A captured, unchanging prefix of the log. */
  static final class Prefix {
    private final String[][] ids;
    private final String[][] strategies;
    private final int size;

    private Prefix(String[][] ids, String[][] strategies, int size) {
      this.ids = ids;
      this.strategies = strategies;
      this.size = size;
    }

    int size() {
      return size;
    }

    String orderId(int index) {
      return ids[index >>> CHUNK_BITS][index & (CHUNK - 1)];
    }

    String strategy(int index) {
      return strategies[index >>> CHUNK_BITS][index & (CHUNK - 1)];
    }
  }
}
