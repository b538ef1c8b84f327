package io.riskgate.server.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.core.engine.EngineConfig;
import io.riskgate.core.event.Event;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.Scope;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ServerSnapshotTest {

  private static final String CANCEL =
      "{\"type\":\"cancel\",\"ts\":\"2026-11-24T10:00:00Z\",\"orderId\":\"ordre-é\"}";

  private static RememberedAnswers.Answer answer() {
    final JournalEntry entry =
        JournalEntry.decode(
            ("{\"by\":\"desk1\",\"event\":" + CANCEL + "}").getBytes(StandardCharsets.UTF_8));
    return new RememberedAnswers.Answer(
        "desk1",
        io.riskgate.server.codec.EventCodec.parse(CANCEL),
        entry.encode(),
        7,
        List.of("{\"type\":\"state\"}", "{\"type\":\"alert\"}"));
  }

  private static ServerSnapshot sample() {
    return new ServerSnapshot(
        List.of("engine x", "instrument y"),
        List.of("A1", "A2"),
        List.of("S1", "S2"),
        List.of(answer()),
        new byte[] {1, 2, 3, 4, 5});
  }

  @Test
  void encodedSnapshotReadsBackTheSame() {
    final ServerSnapshot back = ServerSnapshot.decode(sample().encode());
    assertEquals(sample().configuration(), back.configuration());
    assertEquals(sample().accounts(), back.accounts());
    assertEquals(sample().strategies(), back.strategies());
    assertEquals(1, back.answers().size());
    final RememberedAnswers.Answer answer = back.answers().get(0);
    assertEquals("desk1", answer.caller());
    assertEquals(answer().event(), answer.event());
    assertArrayEquals(answer().entry(), answer.entry());
    assertEquals(7, answer.sequence());
    assertEquals(answer().outputs(), answer.outputs());
    assertArrayEquals(sample().engine(), back.engine());
  }

  /** Version 2 had no remembered answers. */
  @Test
  void aVersionTwoFileIsReadWithoutAnswers() throws IOException {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(ServerSnapshot.MAGIC);
      out.writeInt(2);
      texts(out, "engine x", "instrument y");
      texts(out, "A1", "A2");
      texts(out, "S1", "S2");
      out.writeInt(5);
      out.write(new byte[] {1, 2, 3, 4, 5});
    }
    final ServerSnapshot back = ServerSnapshot.decode(bytes.toByteArray());
    assertEquals(sample().strategies(), back.strategies());
    assertEquals(List.of(), back.answers());
    assertArrayEquals(sample().engine(), back.engine());
  }

  /** Version 1 listed every order id's strategy after the strategy names; it is read, skipped. */
  @Test
  void aVersionOneFileIsReadWithoutItsOrderIds() throws IOException {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(ServerSnapshot.MAGIC);
      out.writeInt(1);
      texts(out, "engine x", "instrument y");
      texts(out, "A1", "A2");
      texts(out, "S1", "S2");
      out.writeInt(2);
      for (String text : List.of("o1", "S1", "ordre-é", "S2")) {
        text(out, text);
      }
      out.writeInt(5);
      out.write(new byte[] {1, 2, 3, 4, 5});
    }
    final byte[] v1 = bytes.toByteArray();
    final ServerSnapshot back = ServerSnapshot.decode(v1);
    assertEquals(sample().configuration(), back.configuration());
    assertEquals(sample().accounts(), back.accounts());
    assertEquals(sample().strategies(), back.strategies());
    assertEquals(List.of(), back.answers());
    assertArrayEquals(sample().engine(), back.engine());
  }

  private static void texts(DataOutputStream out, String... texts) throws IOException {
    out.writeInt(texts.length);
    for (String text : texts) {
      text(out, text);
    }
  }

  private static void text(DataOutputStream out, String text) throws IOException {
    final byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  @Test
  void anotherVersionIsRefusedWithBothReadableVersionsNamed() {
    final byte[] bytes = sample().encode();
    java.nio.ByteBuffer.wrap(bytes).putInt(4, 9);
    final IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ServerSnapshot.decode(bytes));
    assertTrue(e.getMessage().contains("version 9, this server reads 1 to 3"), e.getMessage());
  }

  @Test
  void everyCutOfTheBytesIsRefusedWithAReason() {
    final byte[] bytes = sample().encode();
    for (int length = 0; length < bytes.length; length++) {
      final byte[] cut = java.util.Arrays.copyOf(bytes, length);
      final IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ServerSnapshot.decode(cut));
      assertTrue(e.getMessage().contains("snapshot"), e.getMessage());
    }
    final byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
    assertThrows(IllegalArgumentException.class, () -> ServerSnapshot.decode(longer));
  }

  @Test
  void randomBytesAreRefusedNeverMisread() {
    final long seed = 77L;
    System.out.println("ServerSnapshotTest seed " + seed);
    final Random random = new Random(seed);
    for (int i = 0; i < 1_000; i++) {
      final byte[] bytes = new byte[random.nextInt(64)];
      random.nextBytes(bytes);
      if (i % 2 == 0 && bytes.length >= 8) {
        java.nio.ByteBuffer.wrap(bytes).putInt(ServerSnapshot.MAGIC).putInt(ServerSnapshot.VERSION);
      }
      assertThrows(IllegalArgumentException.class, () -> ServerSnapshot.decode(bytes));
    }
  }

  @Test
  void engineBytesOfAnotherKindAreRefusedByTheEngine() {
    final IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                EngineAgent.restore(
                    sample(),
                    io.riskgate.core.engine.EngineConfig.defaults(),
                    5,
                    null,
                    new io.riskgate.server.metrics.ServerMetrics()));
    assertTrue(e.getMessage().contains("not a Riskgate engine snapshot"), e.getMessage());
  }

  @Test
  void configurationLinesDoNotDependOnTheOrderOfALimitsMap() {
    final Map<Limit, Long> forward = new LinkedHashMap<>();
    forward.put(Limit.MAX_LEVERAGE, 300_000_000L);
    forward.put(Limit.MAX_DAILY_LOSS, 5_000_000L);
    final Map<Limit, Long> backward = new LinkedHashMap<>();
    backward.put(Limit.MAX_DAILY_LOSS, 5_000_000L);
    backward.put(Limit.MAX_LEVERAGE, 300_000_000L);
    final Scope scope = new Scope(Scope.Kind.ACCOUNT, "A1");
    final List<String> a =
        ServerSnapshot.configurationLines(
            EngineConfig.defaults(), List.of(new Event.Limits(0, scope, forward, "config")));
    final List<String> b =
        ServerSnapshot.configurationLines(
            EngineConfig.defaults(), List.of(new Event.Limits(0, scope, backward, "config")));
    assertEquals(a, b);
    assertTrue(a.get(1).contains("maxLeverage=3"), a.get(1));
  }

  @Test
  void theFirstDifferenceIsNamed() {
    final ServerSnapshot s = sample();
    assertNull(s.differenceFrom(List.of("engine x", "instrument y")));
    assertTrue(
        s.differenceFrom(List.of("engine z", "instrument y"))
            .contains("item 0 was [engine x] when the snapshot was taken and is now [engine z]"));
    assertTrue(
        s.differenceFrom(List.of("engine x", "instrument y", "account q"))
            .contains("1 reference item(s) the snapshot does not, the first [account q]"));
    assertTrue(
        s.differenceFrom(List.of("engine x"))
            .contains("1 reference item(s) the configuration no longer has, the first"));
  }
}
