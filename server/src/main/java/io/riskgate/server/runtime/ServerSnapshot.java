package io.riskgate.server.runtime;

import io.riskgate.core.Fixed;
import io.riskgate.core.engine.EngineConfig;
import io.riskgate.core.event.Event;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.server.codec.EventCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the server keeps in one snapshot file: the engine's own snapshot bytes plus what the edge
 * rebuilds by replay and the engine does not hold (account and strategy names in definition order,
 * today's remembered answers for requests sent again), and the configuration the state was built
 * from (engine settings and reference data, one canonical line each), so recovery can tell whether
 * the snapshot fits the configuration it starts with.
 *
 * <p>Layout, big-endian; a text is an int byte length and UTF-8 bytes:
 *
 * <pre>
 *  int   magic 'R' 'G' 'S' 'V'
 *  int   format version (3)
 *  int   n, then n texts      configuration lines (engine settings, then each reference event)
 *  int   n, then n texts      account names in definition order
 *  int   n, then n texts      strategy names in definition order
 *  int   n, then n answers    remembered answers, each:
 *          int length, bytes    the journal entry's payload (caller and event JSON)
 *          long                 its journal sequence
 *          int m, then m texts  the outputs it produced
 *  int   length, then bytes   the engine's snapshot ({@code RiskEngine.writeSnapshot})
 * </pre>
 *
 * <p>Older versions are still read. Version 2 had no remembered answers: a request answered before
 * such a snapshot and sent again after a recovery from it is applied again (an order is then
 * rejected {@code DUPLICATE_ORDER}). Version 1 had no answers either, and held the strategy of
 * every order id ever seen after the strategy names, as {@code int n, then n pairs of texts}; the
 * order ids' owners now come from the engine, so those pairs are skipped.
 *
 * @param configuration the canonical configuration lines the state was built from
 * @param accounts account names in definition order
 * @param strategies strategy names in definition order
 * @param answers the remembered answers
 * @param engine the engine's snapshot bytes
 */
record ServerSnapshot(
    List<String> configuration,
    List<String> accounts,
    List<String> strategies,
    List<RememberedAnswers.Answer> answers,
    byte[] engine) {

  /** {@code RGSV} as a big-endian int. */
  static final int MAGIC = ('R' << 24) | ('G' << 16) | ('S' << 8) | 'V';

  /** The version of this layout. */
  static final int VERSION = 3;

  /** The version without remembered answers. */
  static final int VERSION_WITHOUT_ANSWERS = 2;

  /** The version without remembered answers that listed every order id's strategy. */
  static final int VERSION_WITH_ORDER_IDS = 1;

  ServerSnapshot {
    configuration = List.copyOf(configuration);
    accounts = List.copyOf(accounts);
    strategies = List.copyOf(strategies);
    answers = List.copyOf(answers);
    java.util.Objects.requireNonNull(engine, "engine");
  }

  /**
   * The canonical text of a configuration: the engine settings on the first line, then one line per
   * reference event in the order they are applied. Equal texts build equal states.
   */
  static List<String> configurationLines(EngineConfig config, List<Event> referenceData) {
    final List<String> lines = new ArrayList<>(referenceData.size() + 1);
    lines.add("engine " + config);
    for (Event event : referenceData) {
      if (event instanceof Event.Limits limits) {
        final Map<String, String> sorted = new TreeMap<>();
        for (Map.Entry<Limit, Long> entry : limits.limits().entrySet()) {
          sorted.put(
              entry.getKey().wireName(),
              entry.getValue() == LimitSet.UNSET ? "unset" : Fixed.toString(entry.getValue()));
        }
        lines.add(
            "limits "
                + limits.timestampNanos()
                + " "
                + limits.scope()
                + " "
                + sorted
                + " by "
                + limits.changedBy());
      } else {
        lines.add(event.toString());
      }
    }
    return lines;
  }

  /**
   * Why this snapshot does not fit a configuration with {@code lines}, naming the first difference;
   * null when it fits.
   */
  String differenceFrom(List<String> lines) {
    final int common = Math.min(configuration.size(), lines.size());
    for (int i = 0; i < common; i++) {
      if (!configuration.get(i).equals(lines.get(i))) {
        return "configuration item "
            + i
            + " was ["
            + configuration.get(i)
            + "] when the snapshot was taken and is now ["
            + lines.get(i)
            + "]";
      }
    }
    if (configuration.size() < lines.size()) {
      return "the configuration has "
          + (lines.size() - common)
          + " reference item(s) the snapshot does not, the first ["
          + lines.get(common)
          + "]";
    }
    if (configuration.size() > lines.size()) {
      return "the snapshot holds "
          + (configuration.size() - common)
          + " reference item(s) the configuration no longer has, the first ["
          + configuration.get(common)
          + "]";
    }
    return null;
  }

  /** The file's bytes; may run on any thread. */
  byte[] encode() {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream(engine.length + 4096);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      writeTexts(out, configuration);
      writeTexts(out, accounts);
      writeTexts(out, strategies);
      out.writeInt(answers.size());
      for (RememberedAnswers.Answer answer : answers) {
        out.writeInt(answer.entry().length);
        out.write(answer.entry());
        out.writeLong(answer.sequence());
        writeTexts(out, answer.outputs());
      }
      out.writeInt(engine.length);
      out.write(engine);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * Reads {@link #encode} bytes.
   *
   * @throws IllegalArgumentException when the bytes are not a server snapshot of this version or an
   *     older one
   */
  static ServerSnapshot decode(byte[] bytes) {
    final DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
    try {
      if (bytes.length < 8 || in.readInt() != MAGIC) {
        throw new IllegalArgumentException("not a Riskgate server snapshot (bad magic number)");
      }
      final int version = in.readInt();
      if (version < VERSION_WITH_ORDER_IDS || version > VERSION) {
        throw new IllegalArgumentException(
            "server snapshot format version "
                + version
                + ", this server reads "
                + VERSION_WITH_ORDER_IDS
                + " to "
                + VERSION);
      }
      final List<String> configuration = readTexts(in, bytes.length);
      final List<String> accounts = readTexts(in, bytes.length);
      final List<String> strategies = readTexts(in, bytes.length);
      if (version == VERSION_WITH_ORDER_IDS) {
        final int orders = count(in, bytes.length);
        for (int i = 0; i < 2 * orders; i++) {
          readText(in, bytes.length);
        }
      }
      final List<RememberedAnswers.Answer> answers = new ArrayList<>();
      if (version >= VERSION) {
        final int n = count(in, bytes.length);
        for (int i = 0; i < n; i++) {
          answers.add(readAnswer(in, bytes.length));
        }
      }
      final int length = count(in, bytes.length);
      final byte[] engine = in.readNBytes(length);
      if (engine.length != length) {
        throw new IllegalArgumentException("server snapshot cut short in the engine's bytes");
      }
      if (in.available() > 0) {
        throw new IllegalArgumentException(
            "server snapshot has " + in.available() + " bytes after its end");
      }
      return new ServerSnapshot(configuration, accounts, strategies, answers, engine);
    } catch (IOException e) {
      throw new IllegalArgumentException("server snapshot cut short: " + e, e);
    }
  }

  private static RememberedAnswers.Answer readAnswer(DataInputStream in, int total)
      throws IOException {
    final int length = count(in, total);
    final byte[] entry = in.readNBytes(length);
    if (entry.length != length) {
      throw new IllegalArgumentException("server snapshot cut short in a remembered answer");
    }
    final long sequence = in.readLong();
    final List<String> outputs = readTexts(in, total);
    final JournalEntry decoded;
    final Event event;
    try {
      decoded = JournalEntry.decode(entry);
      event = EventCodec.parse(decoded.event());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "server snapshot holds a remembered answer whose event cannot be read: " + e.getMessage(),
          e);
    }
    if (!RememberedAnswers.remembers(event) || sequence <= 0) {
      throw new IllegalArgumentException(
          "server snapshot holds a remembered answer to a " + event.type() + " event: damaged");
    }
    return new RememberedAnswers.Answer(decoded.by(), event, entry, sequence, outputs);
  }

  private static void writeTexts(DataOutputStream out, List<String> texts) throws IOException {
    out.writeInt(texts.size());
    for (String text : texts) {
      writeText(out, text);
    }
  }

  private static void writeText(DataOutputStream out, String text) throws IOException {
    final byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static List<String> readTexts(DataInputStream in, int total) throws IOException {
    final int n = count(in, total);
    final List<String> texts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      texts.add(readText(in, total));
    }
    return texts;
  }

  private static String readText(DataInputStream in, int total) throws IOException {
    final int length = count(in, total);
    final byte[] utf8 = in.readNBytes(length);
    if (utf8.length != length) {
      throw new IllegalArgumentException("server snapshot cut short in a text");
    }
    return new String(utf8, StandardCharsets.UTF_8);
  }

  /** A count or length, which can never exceed the size of the whole snapshot. */
  private static int count(DataInputStream in, int total) throws IOException {
    final int n = in.readInt();
    if (n < 0 || n > total) {
      throw new IllegalArgumentException(
          "server snapshot holds a count of " + n + " in " + total + " bytes: damaged");
    }
    return n;
  }
}
