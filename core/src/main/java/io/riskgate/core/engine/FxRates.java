package io.riskgate.core.engine;

import io.riskgate.core.event.Event;
import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The latest conversion rate of every currency pair the engine was given ({@code fxRate} events),
 * and the choice of how to convert one currency into another.
 *
 * <p>A conversion from {@code C} to {@code A} takes, in this order, the first that exists: the pair
 * {@code C/A} (multiply), its inverse {@code A/C} (divide), or two legs through one intermediate
 * currency, first USD, then the account currency, each leg again direct before inverse. The choice
 * depends only on which pairs exist, never on their values or ages, so it is the same in a live
 * engine and in its replay; a pair arriving later can change it (a direct pair replaces a
 * triangulation). There is no default rate: without a path a conversion does not exist.
 */
final class FxRates {
  /** The intermediate tried first in a triangulation. */
  static final String USD = "USD";

  String[] bases = new String[8];
  String[] quotes = new String[8];
  long[] bids = new long[8];
  long[] asks = new long[8];
  long[] times = new long[8];
  int count;

  /** Pair index by "BASE/QUOTE"; rebuilt when a snapshot is read. */
  private final Map<String, Integer> byName = new HashMap<>();

  /** Index of the pair base/quote, or −1. */
  int find(String base, String quote) {
    final Integer index = byName.get(base + "/" + quote);
    return index == null ? -1 : index;
  }

  /** Adds a pair never seen before and returns its index. */
  int add(Event.FxRate rate) {
    final int index = count++;
    if (index == bases.length) {
      bases = Arrays.copyOf(bases, index * 2);
      quotes = Arrays.copyOf(quotes, index * 2);
      bids = Arrays.copyOf(bids, index * 2);
      asks = Arrays.copyOf(asks, index * 2);
      times = Arrays.copyOf(times, index * 2);
    }
    bases[index] = rate.base();
    quotes[index] = rate.quote();
    byName.put(rate.base() + "/" + rate.quote(), index);
    set(index, rate.bid(), rate.ask(), rate.timestampNanos());
    return index;
  }

  /** Removes the pair added last (an fxRate event refused after it was added). */
  void removeLast() {
    final int index = --count;
    byName.remove(bases[index] + "/" + quotes[index]);
    bases[index] = null;
    quotes[index] = null;
    set(index, 0, 0, 0);
  }

  void set(int index, long bid, long ask, long timeNanos) {
    bids[index] = bid;
    asks[index] = ask;
    times[index] = timeNanos;
  }

  String name(int index) {
    return bases[index] + "/" + quotes[index];
  }

  /**
   * Chooses how to convert {@code from} into {@code to} (see the class comment) and writes it, with
   * the current rates, into {@code path}; a path with no leg when there is none.
   */
  void resolve(String from, String to, String accountCurrency, FxPath path) {
    path.clear();
    if (leg(from, to, path, 0)) {
      path.describe(name(path.leg1));
      refresh(path);
      return;
    }
    for (String via : new String[] {USD, accountCurrency}) {
      if (via == null || via.equals(from) || via.equals(to)) {
        continue;
      }
      if (leg(from, via, path, 0) && leg(via, to, path, 1)) {
        path.describe(name(path.leg1) + ", " + name(path.leg2));
        refresh(path);
        return;
      }
      path.clear();
    }
  }

  /** Sets leg {@code k} of the path to the pair from/to (direct) or to/from (inverse). */
  private boolean leg(String from, String to, FxPath path, int k) {
    int index = find(from, to);
    boolean divide = false;
    if (index < 0) {
      index = find(to, from);
      divide = true;
    }
    if (index < 0) {
      return false;
    }
    if (k == 0) {
      path.leg1 = index;
      path.divide1 = divide;
    } else {
      path.leg2 = index;
      path.divide2 = divide;
    }
    return true;
  }

  /** Copies the current rates of the path's legs into it, and the time of its oldest leg. */
  void refresh(FxPath path) {
    if (path.leg1 < 0) {
      return;
    }
    // Selling the currency (the low side) gets the bid of a direct pair and pays the ask of an
    // inverse one; buying it (the high side) the other way round.
    path.low1 = path.divide1 ? asks[path.leg1] : bids[path.leg1];
    path.high1 = path.divide1 ? bids[path.leg1] : asks[path.leg1];
    long time = times[path.leg1];
    if (path.leg2 >= 0) {
      path.low2 = path.divide2 ? asks[path.leg2] : bids[path.leg2];
      path.high2 = path.divide2 ? bids[path.leg2] : asks[path.leg2];
      time = Math.min(time, times[path.leg2]);
    }
    path.timeNanos = time;
  }

  /** True when any leg of the path uses pair {@code index}. */
  static boolean uses(FxPath path, int index) {
    return path.leg1 == index || path.leg2 == index;
  }

  /** Writes the rates in the order they were first seen (the order a conversion's legs index). */
  void write(SnapshotWriter out) {
    out.writeInt(count);
    for (int i = 0; i < count; i++) {
      out.writeString(bases[i]);
      out.writeString(quotes[i]);
      out.writeLong(bids[i]);
      out.writeLong(asks[i]);
      out.writeLong(times[i]);
    }
  }

  /** Replaces the rates with those {@link #write} wrote. */
  void read(SnapshotReader in) {
    final int n = in.readCount(26);
    final int capacity = Math.max(8, Integer.highestOneBit(Math.max(1, n)) << 1);
    bases = new String[capacity];
    quotes = new String[capacity];
    bids = new long[capacity];
    asks = new long[capacity];
    times = new long[capacity];
    byName.clear();
    count = n;
    for (int i = 0; i < n; i++) {
      bases[i] = in.readStringNonNull("currency");
      quotes[i] = in.readStringNonNull("currency");
      bids[i] = in.readLong();
      asks[i] = in.readLong();
      times[i] = in.readLong();
      if (byName.put(bases[i] + "/" + quotes[i], i) != null) {
        throw in.invalid("rate " + bases[i] + "/" + quotes[i] + " written twice");
      }
    }
  }
}
