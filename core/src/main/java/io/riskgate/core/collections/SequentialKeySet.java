package io.riskgate.core.collections;

import io.riskgate.core.snapshot.SnapshotReader;
import io.riskgate.core.snapshot.SnapshotWriter;
import java.util.Arrays;

/**
 * A set of {@code long} keys made for keys issued mostly in sequence (the engine's order keys): one
 * bit per key over a window of the latest keys, and a hash table for every key outside it. A lookup
 * of a new key in sequence reads one word of a small bitmap that the caches hold, where a hash
 * table sized for a day's orders misses the cache and the TLB on every eighth key.
 *
 * <pre>
 *   keys:   ... older keys ...  | lowWord * 64 ............ (lowWord + W) * 64 - 1 | later keys
 *   held:   in {@code others}   | one bit each in {@code words} (a ring of W words) | in others
 * </pre>
 *
 * A key at or below the window's end stays where it was put: a key put outside the window stays in
 * {@code others} even when the window later covers it, so a lookup inside the window also asks
 * {@code others} when its key lies within the range of keys {@code others} holds. The window moves
 * forward when a key beyond it arrives: the words it leaves give their keys to {@code others}. The
 * words scanned to move it are paid for by the keys added (one word per key, at most two windows in
 * hand), so no pattern of keys costs more than a constant per key on average; a key too far ahead
 * for the credit goes to {@code others}. The set's contents, and so its snapshot bytes, do not
 * depend on where the window is.
 */
public final class SequentialKeySet {
  private final long[] words;
  private final int windowMask;
  private final LongIntHashMap others;

  /** The first word of the window (key {@code >> 6}); meaningless while {@link #inWindow} is 0. */
  private long lowWord;

  private int inWindow;
  private long othersMin = Long.MAX_VALUE;
  private long othersMax = Long.MIN_VALUE;
  private long credit;
  private int size;

  /** A set whose window covers at least {@code expectedInSequence} keys (at least 65,536). */
  public SequentialKeySet(int expectedInSequence) {
    final int wanted = Math.max(1024, (int) ((expectedInSequence + 63L) >>> 6));
    final int window = Integer.highestOneBit(wanted - 1) << 1;
    words = new long[window];
    windowMask = window - 1;
    others = new LongIntHashMap(1024);
    credit = window;
  }

  /** True when {@code key} is in the set. */
  public boolean contains(long key) {
    final long offset = (key >> 6) - lowWord;
    if (inWindow != 0 && offset >= 0 && offset <= windowMask) {
      if ((words[(int) (key >> 6) & windowMask] & (1L << key)) != 0) {
        return true;
      }
    }
    return inOthers(key);
  }

  private boolean inOthers(long key) {
    return key >= othersMin && key <= othersMax && others.get(key) != LongIntHashMap.MISSING;
  }

  /** Adds {@code key} (not {@code Long.MIN_VALUE}); returns false when it was there already. */
  public boolean add(long key) {
    if (key == Long.MIN_VALUE) {
      throw new IllegalArgumentException("key Long.MIN_VALUE is reserved");
    }
    credit = Math.min(credit + 1, 2L * words.length);
    final long word = key >> 6;
    if (inWindow == 0) {
      if (inOthers(key)) {
        return false;
      }
      lowWord = word;
    } else if (word - lowWord > windowMask) {
      if (!moveWindowTo(word)) {
        return addToOthers(key);
      }
    } else if (word < lowWord) {
      return addToOthers(key);
    }
    final int index = (int) word & windowMask;
    final long bit = 1L << key;
    if ((words[index] & bit) != 0 || inOthers(key)) {
      return false;
    }
    words[index] |= bit;
    inWindow++;
    size++;
    return true;
  }

  private boolean addToOthers(long key) {
    if (inOthers(key)) {
      return false;
    }
    others.put(key, 0);
    othersMin = Math.min(othersMin, key);
    othersMax = Math.max(othersMax, key);
    size++;
    return true;
  }

  /** Moves the window so that it ends at {@code word}, if the credit pays for the words left. */
  private boolean moveWindowTo(long word) {
    final long newLow = word - windowMask;
    final long leaving = Math.min(newLow - lowWord, words.length);
    if (leaving > credit) {
      return false;
    }
    credit -= leaving;
    for (long w = lowWord; w < lowWord + leaving && inWindow > 0; w++) {
      final int index = (int) w & windowMask;
      long bits = words[index];
      while (bits != 0) {
        final long key = (w << 6) + Long.numberOfTrailingZeros(bits);
        others.put(key, 0);
        othersMin = Math.min(othersMin, key);
        othersMax = Math.max(othersMax, key);
        inWindow--;
        bits &= bits - 1;
      }
      words[index] = 0;
    }
    lowWord = newLow;
    return true;
  }

  /** Removes every key, keeping the capacity. */
  public void clear() {
    if (inWindow != 0) {
      Arrays.fill(words, 0);
    }
    inWindow = 0;
    if (others.size() != 0) {
      others.clear();
    }
    othersMin = Long.MAX_VALUE;
    othersMax = Long.MIN_VALUE;
    credit = words.length;
    size = 0;
  }

  public int size() {
    return size;
  }

  /** Every key, in increasing order (allocates; for snapshots and tests). */
  public long[] toSortedArray() {
    final long[] keys = new long[size];
    final long[] outside = others.sortedKeys();
    int n = 0;
    int o = 0;
    if (inWindow != 0) {
      for (long w = lowWord; w <= lowWord + windowMask; w++) {
        long bits = words[(int) w & windowMask];
        while (bits != 0) {
          final long key = (w << 6) + Long.numberOfTrailingZeros(bits);
          while (o < outside.length && outside[o] < key) {
            keys[n++] = outside[o++];
          }
          keys[n++] = key;
          bits &= bits - 1;
        }
      }
    }
    while (o < outside.length) {
      keys[n++] = outside[o++];
    }
    return keys;
  }

  /**
   * Writes the keys in increasing order, each with the value 0: the bytes of a {@link
   * LongIntHashMap} holding the same keys, each mapped to 0, which is how this set was written
   * before it had a window.
   */
  public void write(SnapshotWriter out) {
    out.writeInt(size);
    out.reserve(12L * size);
    for (long key : toSortedArray()) {
      out.writeLong(key);
      out.writeInt(0);
    }
  }

  /** Replaces the keys with those {@link #write} wrote. */
  public void read(SnapshotReader in) {
    final int count = in.readCount(12);
    clear();
    long previous = Long.MIN_VALUE;
    for (int i = 0; i < count; i++) {
      final long key = in.readLong();
      final int value = in.readInt();
      if (key == Long.MIN_VALUE || value != 0 || (i > 0 && key <= previous)) {
        throw in.invalid("key " + i + " is reserved, out of order or not mapped to 0");
      }
      add(key);
      previous = key;
    }
  }
}
