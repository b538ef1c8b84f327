package io.riskgate.core.snapshot;

import java.nio.charset.StandardCharsets;

/**
 * Reads what a {@link SnapshotWriter} wrote, call for call. Every read is bounded by the bytes left
 * (of the section being read, when one is open), so a damaged or cut-short snapshot fails with a
 * {@link SnapshotFormatException} naming the section, never with an array index error or an
 * allocation sized by garbage.
 */
public final class SnapshotReader {
  private final byte[] bytes;
  private int position;
  private int limit;
  private final int end;
  private String section = "snapshot";
  private int sectionEnd = -1;

  /** Reads {@code length} bytes of {@code bytes} from {@code offset}. */
  public SnapshotReader(byte[] bytes, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > bytes.length) {
      throw new IllegalArgumentException("bounds outside the array");
    }
    this.bytes = bytes;
    this.position = offset;
    this.end = offset + length;
    this.limit = end;
  }

  /** The four characters of a section tag, for messages. */
  public static String tagName(int tag) {
    final char[] c = new char[4];
    for (int i = 0; i < 4; i++) {
      final int b = (tag >>> (24 - 8 * i)) & 0xFF;
      c[i] = b >= 0x20 && b < 0x7F ? (char) b : '?';
    }
    return new String(c);
  }

  /** A tag from four ASCII characters, the first in the high byte. */
  public static int tag(String fourChars) {
    if (fourChars.length() != 4) {
      throw new IllegalArgumentException("a section tag has four characters: " + fourChars);
    }
    int tag = 0;
    for (int i = 0; i < 4; i++) {
      tag = tag << 8 | (fourChars.charAt(i) & 0xFF);
    }
    return tag;
  }

  /**
   * Opens the next section, which must carry {@code tag} and a version from 1 to {@code
   * maxVersion}; returns its version.
   *
   * @throws SnapshotFormatException when the next section is another one or of another version
   */
  public int beginSection(int tag, int maxVersion) {
    if (sectionEnd >= 0) {
      throw new IllegalStateException("section " + section + " is still open");
    }
    final int found = readInt();
    final int version = readInt();
    final int length = readInt();
    if (found != tag) {
      throw new SnapshotFormatException(
          "expected snapshot section " + tagName(tag) + ", found " + tagName(found));
    }
    section = "section " + tagName(tag);
    if (version < 1 || version > maxVersion) {
      throw new SnapshotFormatException(
          "snapshot "
              + section
              + " has format version "
              + version
              + ", this code reads 1 to "
              + maxVersion);
    }
    if (length < 0 || length > limit - position) {
      throw new SnapshotFormatException(
          "snapshot "
              + section
              + " says it has "
              + length
              + " bytes, "
              + (limit - position)
              + " are left");
    }
    sectionEnd = position + length;
    limit = sectionEnd;
    return version;
  }

  /** Closes the section opened last; every byte of it must have been read. */
  public void endSection() {
    if (sectionEnd < 0) {
      throw new IllegalStateException("no section open");
    }
    if (position != sectionEnd) {
      throw new SnapshotFormatException(
          "snapshot " + section + " has " + (sectionEnd - position) + " bytes left over");
    }
    sectionEnd = -1;
    limit = end;
    section = "snapshot";
  }

  /** Fails unless every byte was read. */
  public void requireEnd() {
    if (position != end) {
      throw new SnapshotFormatException(
          "snapshot has " + (end - position) + " bytes after its last section");
    }
  }

  /** A failure naming where it happened. */
  public SnapshotFormatException invalid(String what) {
    return new SnapshotFormatException("snapshot " + section + ": " + what);
  }

  public boolean readBoolean() {
    final int b = readByte();
    if (b != 0 && b != 1) {
      throw invalid("a flag holds " + b);
    }
    return b == 1;
  }

  public int readByte() {
    require(1);
    return bytes[position++];
  }

  public int readInt() {
    require(4);
    final int value = (int) SnapshotWriter.INT.get(bytes, position);
    position += 4;
    return value;
  }

  public long readLong() {
    require(8);
    final long value = (long) SnapshotWriter.LONG.get(bytes, position);
    position += 8;
    return value;
  }

  public double readDouble() {
    return Double.longBitsToDouble(readLong());
  }

  public long readVarint() {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      require(1);
      final int b = bytes[position++];
      value |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return value;
      }
    }
    throw invalid("malformed varint");
  }

  /**
   * A count of items that take at least {@code bytesEach} bytes each: never negative and never more
   * than the bytes left could hold, so a damaged count cannot size an allocation.
   */
  public int readCount(int bytesEach) {
    final int n = readInt();
    if (n < 0 || (long) n * Math.max(1, bytesEach) > limit - position) {
      throw invalid(
          "a count of " + n + " does not fit in the " + (limit - position) + " bytes left");
    }
    return n;
  }

  /** A count as {@link #readCount}, which must not exceed {@code max}. */
  public int readCount(int bytesEach, int max, String what) {
    final int n = readCount(bytesEach);
    if (n > max) {
      throw invalid(what + ": " + n + ", at most " + max);
    }
    return n;
  }

  /** An enum constant written by {@link SnapshotWriter#writeEnum}, or null. */
  public <E extends Enum<E>> E readEnum(Class<E> type) {
    final String name = readString();
    if (name == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, name);
    } catch (IllegalArgumentException e) {
      throw invalid("unknown " + type.getSimpleName() + " " + name);
    }
  }

  /** An enum constant that must be present. */
  public <E extends Enum<E>> E readEnumNonNull(Class<E> type) {
    final E value = readEnum(type);
    if (value == null) {
      throw invalid(type.getSimpleName() + " missing");
    }
    return value;
  }

  public void readLongs(long[] values, int count) {
    require(8L * count);
    final byte[] b = bytes;
    int p = position;
    for (int i = 0; i < count; i++) {
      values[i] = (long) SnapshotWriter.LONG.get(b, p);
      p += 8;
    }
    position = p;
  }

  public void readInts(int[] values, int count) {
    require(4L * count);
    final byte[] b = bytes;
    int p = position;
    for (int i = 0; i < count; i++) {
      values[i] = (int) SnapshotWriter.INT.get(b, p);
      p += 4;
    }
    position = p;
  }

  public void readDoubles(double[] values, int count) {
    require(8L * count);
    final byte[] b = bytes;
    int p = position;
    for (int i = 0; i < count; i++) {
      values[i] = Double.longBitsToDouble((long) SnapshotWriter.LONG.get(b, p));
      p += 8;
    }
    position = p;
  }

  /** A text written by {@link SnapshotWriter#writeString}, or null. */
  public String readString() {
    final long header = readVarint();
    if (header == 0) {
      return null;
    }
    final long length = (header - 1) >>> 1;
    final boolean wide = ((header - 1) & 1) != 0;
    require(wide ? 2 * length : length);
    final byte[] b = bytes;
    final int p = position;
    if (wide) {
      final char[] chars = new char[(int) length];
      for (int i = 0; i < chars.length; i++) {
        chars[i] = (char) ((b[p + 2 * i] & 0xFF) | (b[p + 2 * i + 1] & 0xFF) << 8);
      }
      position = p + 2 * chars.length;
      return new String(chars);
    }
    position = p + (int) length;
    return new String(b, p, (int) length, StandardCharsets.ISO_8859_1);
  }

  /** A text that must be present. */
  public String readStringNonNull(String what) {
    final String text = readString();
    if (text == null) {
      throw invalid(what + " missing");
    }
    return text;
  }

  private void require(long n) {
    if (n < 0 || n > limit - position) {
      throw new SnapshotFormatException("snapshot " + section + " ends early");
    }
  }
}
