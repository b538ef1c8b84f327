package io.riskgate.core.engine;

import java.io.IOException;
import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;

/**
 * How a snapshot writes the engine's many short texts (order and fill ids): a tag byte and the text
 * in modified UTF-8, instead of one serialized object per text with its entry in the stream's
 * handle table. Named for what it writes: text, in a snapshot.
 */
final class SnapshotText {
  private static final int NULL = 0;
  private static final int SHORT = 1;
  private static final int LONG = 2;

  /** Texts of at most this many chars always fit {@code writeUTF}'s 65,535 bytes. */
  private static final int SHORT_CHARS = 65_535 / 3;

  private SnapshotText() {}

  static void write(ObjectOutputStream out, String text) throws IOException {
    if (text == null) {
      out.writeByte(NULL);
    } else if (text.length() <= SHORT_CHARS) {
      out.writeByte(SHORT);
      out.writeUTF(text);
    } else {
      out.writeByte(LONG);
      out.writeObject(text);
    }
  }

  static String read(ObjectInputStream in) throws IOException, ClassNotFoundException {
    final int tag = in.readByte();
    switch (tag) {
      case NULL:
        return null;
      case SHORT:
        return in.readUTF();
      case LONG:
        if (in.readObject() instanceof String text) {
          return text;
        }
        throw new InvalidObjectException("snapshot text is not a string");
      default:
        throw new InvalidObjectException("snapshot text has an unknown tag " + tag);
    }
  }

  /** Reads a non-null text. */
  static String readPresent(ObjectInputStream in) throws IOException, ClassNotFoundException {
    final String text = read(in);
    if (text == null) {
      throw new InvalidObjectException("snapshot text is missing");
    }
    return text;
  }
}
