package io.riskgate.core.snapshot;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Writes a snapshot into a growable byte array, little-endian, value by value: the counterpart of
 * {@link SnapshotReader}, which reads the same calls in the same order. Writes no file: the bytes
 * are the caller's to store.
 *
 * <p>Everything is written by value, so equal states give equal bytes whatever objects they share:
 *
 * <ul>
 *   <li>{@code int}, {@code long}: 4 and 8 bytes; a {@code double}: the 8 bytes of its raw bits
 *       (NaN payloads and −0.0 kept); a {@code boolean}: one byte, 0 or 1.
 *   <li>a text: a varint header, 0 for null, else {@code (length << 1 | wide) + 1}, then its chars,
 *       one byte each when all are below 0x80, else two bytes each (UTF-16LE, so any char sequence,
 *       lone surrogates included, reads back exactly).
 *   <li>a section: its tag (4 bytes), its format version (4), the length of its body (4), then the
 *       body. A reader checks all three before it reads the body, and that the body is read to its
 *       last byte.
 * </ul>
 */
public final class SnapshotWriter {
  static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private byte[] bytes;
  private int position;
  private int sectionStart = -1;
  private char[] chars = new char[64];

  /** A writer whose buffer starts at {@code initialCapacity} bytes and grows as needed. */
  public SnapshotWriter(int initialCapacity) {
    bytes = new byte[Math.max(64, initialCapacity)];
  }

  /** The bytes written so far, a copy. */
  public byte[] toByteArray() {
    return Arrays.copyOf(bytes, position);
  }

  /** The number of bytes written so far. */
  public int size() {
    return position;
  }

  /** The buffer itself (valid up to {@link #size()}), for a checksum without a copy. */
  public byte[] buffer() {
    return bytes;
  }

  /** Makes room for {@code more} bytes at once. */
  public void reserve(long more) {
    ensure(more);
  }

  /**
   * Starts a section: its tag, its format version and room for its length, filled in by {@link
   * #endSection}. Sections do not nest.
   */
  public void beginSection(int tag, int version) {
    if (sectionStart >= 0) {
      throw new IllegalStateException("section " + SnapshotReader.tagName(tag) + " inside another");
    }
    writeInt(tag);
    writeInt(version);
    writeInt(0);
    sectionStart = position;
  }

  /** Ends the section begun last, writing its length. */
  public void endSection() {
    if (sectionStart < 0) {
      throw new IllegalStateException("no section to end");
    }
    putIntAt(sectionStart - 4, position - sectionStart);
    sectionStart = -1;
  }

  /** Overwrites four bytes written before. */
  public void putIntAt(int at, int value) {
    INT.set(bytes, at, value);
  }

  public void writeBoolean(boolean value) {
    writeByte(value ? 1 : 0);
  }

  public void writeByte(int value) {
    ensure(1);
    bytes[position++] = (byte) value;
  }

  public void writeInt(int value) {
    ensure(4);
    putIntAt(position, value);
    position += 4;
  }

  public void writeLong(long value) {
    ensure(8);
    LONG.set(bytes, position, value);
    position += 8;
  }

  /** The raw bits of {@code value}, so that every double (NaN included) reads back the same. */
  public void writeDouble(double value) {
    writeLong(Double.doubleToRawLongBits(value));
  }

  /** An unsigned varint, 7 bits a byte. */
  public void writeVarint(long value) {
    ensure(10);
    long v = value;
    while ((v & ~0x7FL) != 0) {
      bytes[position++] = (byte) (v | 0x80);
      v >>>= 7;
    }
    bytes[position++] = (byte) v;
  }

  /** An enum constant by its name, or null: names survive a reordering of the constants. */
  public void writeEnum(Enum<?> value) {
    writeString(value == null ? null : value.name());
  }

  /** The first {@code count} values of an array, without a count (the reader knows it). */
  public void writeLongs(long[] values, int count) {
    ensure(8L * count);
    final byte[] b = bytes;
    int p = position;
    for (int i = 0; i < count; i++) {
      LONG.set(b, p, values[i]);
      p += 8;
    }
    position = p;
  }

  /** The first {@code count} values of an array, without a count (the reader knows it). */
  public void writeInts(int[] values, int count) {
    ensure(4L * count);
    final byte[] b = bytes;
    int p = position;
    for (int i = 0; i < count; i++) {
      INT.set(b, p, values[i]);
      p += 4;
    }
    position = p;
  }

  /** The first {@code count} values of an array, without a count (the reader knows it). */
  public void writeDoubles(double[] values, int count) {
    ensure(8L * count);
    final byte[] b = bytes;
    int p = position;
    for (int i = 0; i < count; i++) {
      LONG.set(b, p, Double.doubleToRawLongBits(values[i]));
      p += 8;
    }
    position = p;
  }

  /** A text by value, or null (see the class comment for its form). */
  public void writeString(String text) {
    if (text == null) {
      writeVarint(0);
      return;
    }
    final int length = text.length();
    if (chars.length < length) {
      chars = new char[Math.max(length, chars.length * 2)];
    }
    text.getChars(0, length, chars, 0);
    final char[] c = chars;
    int all = 0;
    for (int i = 0; i < length; i++) {
      all |= c[i];
    }
    final boolean wide = all >= 0x80;
    writeVarint(((long) length << 1 | (wide ? 1 : 0)) + 1);
    ensure(wide ? 2L * length : length);
    final byte[] b = bytes;
    int p = position;
    if (wide) {
      for (int i = 0; i < length; i++) {
        b[p++] = (byte) c[i];
        b[p++] = (byte) (c[i] >>> 8);
      }
    } else {
      for (int i = 0; i < length; i++) {
        b[p++] = (byte) c[i];
      }
    }
    position = p;
  }

  private void ensure(long more) {
    final long needed = position + more;
    if (needed > bytes.length) {
      if (needed > Integer.MAX_VALUE - 64) {
        throw new IllegalStateException("snapshot beyond 2 GB");
      }
      final long grown = Math.max(needed, Math.min(Integer.MAX_VALUE - 64, bytes.length * 2L));
      bytes = Arrays.copyOf(bytes, (int) grown);
    }
  }
}
