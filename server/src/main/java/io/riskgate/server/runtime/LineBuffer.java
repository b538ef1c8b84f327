package io.riskgate.server.runtime;

import java.io.Writer;

/**
 * The engine thread's output text: a {@link Writer} over an unsynchronized {@link StringBuilder} (a
 * {@code StringWriter} locks on every character).
 */
final class LineBuffer extends Writer {
  final StringBuilder text = new StringBuilder(4096);

  @Override
  public void write(char[] chars, int offset, int length) {
    text.append(chars, offset, length);
  }

  @Override
  public void write(int c) {
    text.append((char) c);
  }

  @Override
  public void write(String s, int offset, int length) {
    text.append(s, offset, offset + length);
  }

  @Override
  public Writer append(CharSequence s) {
    text.append(s);
    return this;
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
