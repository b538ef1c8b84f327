package io.riskgate.core.engine;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A growable little-endian byte buffer for the large, flat parts of a snapshot (the order tables):
 * arrays go in with one bulk copy each and texts in a compact form, and the whole section goes into
 * the snapshot's object stream as one block, instead of one stream call per value.
 *
 * <p>A text is written as a varint header, 0 for null, else {@code (length << 1 | wide) + 1}, then
 * its chars: one byte each when all are below 0x80, else two bytes each (UTF-16LE, so any char
 * sequence, lone surrogates included, reads back exactly).
 */
final class SnapshotBytes {
  private ByteBuffer buffer;
  private char[] chars = new char[64];

  SnapshotBytes(int initialCapacity) {
    buffer = ByteBuffer.allocate(Math.max(64, initialCapacity)).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** Makes room for {@code bytes} more bytes at once. */
  void reserve(long bytes) {
    ensure(bytes);
  }

  private void ensure(long more) {
    final long needed = buffer.position() + more;
    if (needed > buffer.capacity()) {
      if (needed > Integer.MAX_VALUE - 64) {
        throw new IllegalStateException("snapshot section beyond 2 GB");
      }
      final long grown = Math.max(needed, Math.min(Integer.MAX_VALUE - 64, buffer.capacity() * 2L));
      final ByteBuffer next = ByteBuffer.allocate((int) grown).order(ByteOrder.LITTLE_ENDIAN);
      next.put(buffer.array(), 0, buffer.position());
      buffer = next;
    }
  }

  void putInt(int value) {
    ensure(4);
    buffer.putInt(value);
  }

  void putLong(long value) {
    ensure(8);
    buffer.putLong(value);
  }

  void putLongs(long[] values, int count) {
    ensure(8L * count);
    buffer.asLongBuffer().put(values, 0, count);
    buffer.position(buffer.position() + 8 * count);
  }

  void putInts(int[] values, int count) {
    ensure(4L * count);
    buffer.asIntBuffer().put(values, 0, count);
    buffer.position(buffer.position() + 4 * count);
  }

  /** Appends what another buffer holds. */
  void putBytes(SnapshotBytes other) {
    ensure(other.buffer.position());
    buffer.put(other.buffer.array(), 0, other.buffer.position());
  }

  void putText(String text) {
    if (text == null) {
      putVarint(0);
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
    putVarint(((long) length << 1 | (wide ? 1 : 0)) + 1);
    ensure(wide ? 2L * length : length);
    final byte[] array = buffer.array();
    int p = buffer.position();
    if (wide) {
      for (int i = 0; i < length; i++) {
        array[p++] = (byte) c[i];
        array[p++] = (byte) (c[i] >>> 8);
      }
    } else {
      for (int i = 0; i < length; i++) {
        array[p++] = (byte) c[i];
      }
    }
    buffer.position(p);
  }

  void putVarint(long value) {
    ensure(10);
    long v = value;
    while (v >= 0x80) {
      buffer.put((byte) (v | 0x80));
      v >>>= 7;
    }
    buffer.put((byte) v);
  }

  /** Writes the section into the object stream: its length, then its bytes. */
  void writeTo(ObjectOutputStream out) throws IOException {
    out.writeInt(buffer.position());
    out.write(buffer.array(), 0, buffer.position());
  }

  /** A section read back from an object stream. */
  static Reader readFrom(ObjectInputStream in) throws IOException {
    final int length = in.readInt();
    if (length < 0) {
      throw new InvalidObjectException("snapshot section length " + length + " is negative");
    }
    final byte[] bytes = new byte[length];
    in.readFully(bytes);
    return new Reader(bytes);
  }

  /** Reads what a {@link SnapshotBytes} wrote, in the same order. */
  static final class Reader {
    private final ByteBuffer buffer;

    Reader(byte[] bytes) {
      buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    int getInt() throws InvalidObjectException {
      try {
        return buffer.getInt();
      } catch (BufferUnderflowException e) {
        throw truncated();
      }
    }

    long getLong() throws InvalidObjectException {
      try {
        return buffer.getLong();
      } catch (BufferUnderflowException e) {
        throw truncated();
      }
    }

    void getLongs(long[] values, int count) throws InvalidObjectException {
      require(8L * count);
      buffer.asLongBuffer().get(values, 0, count);
      buffer.position(buffer.position() + 8 * count);
    }

    void getInts(int[] values, int count) throws InvalidObjectException {
      require(4L * count);
      buffer.asIntBuffer().get(values, 0, count);
      buffer.position(buffer.position() + 4 * count);
    }

    String getText() throws InvalidObjectException {
      final long header = getVarint();
      if (header == 0) {
        return null;
      }
      final long length = (header - 1) >>> 1;
      final boolean wide = ((header - 1) & 1) != 0;
      require(wide ? 2 * length : length);
      final byte[] array = buffer.array();
      final int p = buffer.position();
      final String text;
      if (wide) {
        final char[] chars = new char[(int) length];
        for (int i = 0; i < chars.length; i++) {
          chars[i] = (char) ((array[p + 2 * i] & 0xFF) | (array[p + 2 * i + 1] & 0xFF) << 8);
        }
        text = new String(chars);
        buffer.position(p + 2 * chars.length);
      } else {
        text = new String(array, p, (int) length, StandardCharsets.ISO_8859_1);
        buffer.position(p + (int) length);
      }
      return text;
    }

    long getVarint() throws InvalidObjectException {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (!buffer.hasRemaining()) {
          throw truncated();
        }
        final int b = buffer.get();
        value |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return value;
        }
      }
      throw new InvalidObjectException("snapshot section has a malformed length");
    }

    /** Fails unless every byte was read. */
    void requireEnd() throws InvalidObjectException {
      if (buffer.hasRemaining()) {
        throw new InvalidObjectException(
            "snapshot section has " + buffer.remaining() + " bytes left over");
      }
    }

    private void require(long bytes) throws InvalidObjectException {
      if (bytes < 0 || bytes > buffer.remaining()) {
        throw truncated();
      }
    }

    private static InvalidObjectException truncated() {
      return new InvalidObjectException("snapshot section ends early");
    }
  }
}
