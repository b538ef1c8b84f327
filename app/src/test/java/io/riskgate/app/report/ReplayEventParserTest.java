package io.riskgate.app.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.riskgate.core.event.Event;
import io.riskgate.server.codec.EventCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The fast path must give exactly what {@link EventCodec} gives: the same event or the same error.
 */
class ReplayEventParserTest {
  private static final long SEED = 20261124L;

  /** Either the same event from both, or the same exception message from both. */
  private static void assertSameAsCodec(String line) {
    Event expected = null;
    String expectedError = null;
    try {
      expected = EventCodec.parse(line);
    } catch (IllegalArgumentException e) {
      expectedError = e.getMessage();
    }
    if (expectedError != null) {
      final IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> ReplayEventParser.parse(line), line);
      assertEquals(expectedError, e.getMessage(), line);
      assertNull(ReplayEventParser.tryFast(line), "fast path accepted an invalid line: " + line);
    } else {
      assertEquals(expected, ReplayEventParser.parse(line), line);
    }
  }

  @Test
  void everyExampleLineParsesAsTheCodecParsesIt() throws IOException {
    final List<Path> files;
    try (Stream<Path> list = Files.list(Path.of("..", "examples"))) {
      files = list.filter(p -> p.toString().endsWith(".jsonl")).toList();
    }
    int lines = 0;
    for (Path file : files) {
      for (String line : Files.readAllLines(file)) {
        if (!line.isBlank() && !line.contains("\"decision\"")) {
          assertSameAsCodec(line);
          lines++;
        }
      }
    }
    assertEquals(true, lines > 50, "lines checked: " + lines);
  }

  @Test
  void theCommonEventsTakeTheFastPath() {
    assertNotNull(
        ReplayEventParser.tryFast(
            "{\"type\":\"price\",\"ts\":\"2024-01-02T14:30:00.5Z\",\"symbol\":\"X\",\"bid\":\"1.5\",\"ask\":2}"));
    assertNotNull(
        ReplayEventParser.tryFast(
            "{\"type\":\"order\",\"ts\":\"2024-02-29T00:00:00Z\",\"orderId\":\"o\",\"account\":\"A\","
                + "\"strategy\":\"S\",\"symbol\":\"X\",\"side\":\"sell\",\"quantity\":0.00000001}"));
    assertNotNull(
        ReplayEventParser.tryFast(
            "{\"ts\":\"2024-01-02T14:30:00.123456789Z\",\"type\":\"fill\",\"fillId\":\"f\","
                + "\"orderId\":\"o\",\"quantity\":3,\"price\":\"9999999999.99999999\"}"));
    assertNotNull(
        ReplayEventParser.tryFast(
            "{\"type\":\"cancel\",\"ts\":\"2024-01-02T14:30:00Z\",\"orderId\":\"o\"}"));
    assertNotNull(
        ReplayEventParser.tryFast("{\"type\":\"timer\",\"ts\":\"1970-01-01T00:00:00Z\"}"));
  }

  @Test
  void edgeCasesGiveTheCodecsEventOrError() {
    final String[] lines = {
      "{\"type\":\"price\",\"ts\":\"2024-01-02T14:30:00Z\",\"symbol\":\"X\",\"last\":\"1.123456789\"}",
      "{\"type\":\"price\",\"ts\":\"2024-01-02T14:30:00Z\",\"symbol\":\"X\",\"last\":\"1.100000000\"}",
      "{\"type\":\"price\",\"ts\":\"2024-01-02T14:30:00Z\",\"symbol\":\"X\",\"last\":1e2}",
      "{\"type\":\"price\",\"ts\":\"2024-01-02T14:30:00Z\",\"symbol\":\"X\",\"last\":\" 5\"}",
      "{\"type\":\"price\",\"ts\":\"2024-01-02T14:30:00Z\",\"symbol\":\"X\",\"last\":\".5\"}",
      "{\"type\":\"price\",\"ts\":\"2024-01-02T14:30:00Z\",\"symbol\":\"X\",\"last\":\"5.\"}",
      "{\"type\":\"price\",\"ts\":\"2024-01-02T14:30:00Z\",\"symbol\":\"X\",\"last\":\"+5\"}",
      "{\"type\":\"price\",\"ts\":\"2024-01-02T14:30:00Z\",\"symbol\":\"X\",\"last\":-5}",
      "{\"type\":\"price\",\"ts\":\"2024-01-02T14:30:00Z\",\"symbol\":\"X\",\"last\":0}",
      "{\"type\":\"price\",\"ts\":\"2024-01-02T14:30:00Z\",\"symbol\":\"X\",\"bid\":3,\"ask\":2}",
      "{\"type\":\"price\",\"ts\":\"2024-01-02T14:30:00Z\",\"symbol\":\"X\",\"last\":null}",
      "{\"type\":\"price\",\"ts\":\"2024-01-02T14:30:00Z\",\"symbol\":\"X\",\"last\":123456789012}",
      "{\"type\":\"price\",\"ts\":\"2024-01-02T14:30:00Z\",\"symbol\":\"X\",\"last\":99999999999}",
      "{\"type\":\"price\",\"ts\":\"2024-01-02T14:30:00Z\",\"symbol\":\"X\",\"last\":1,\"last\":2}",
      "{\"type\":\"price\",\"ts\":\"2024-01-02T14:30:00Z\",\"symbol\":\"X\",\"last\":1,\"x\":2}",
      "{\"type\":\"price\",\"ts\":\"2024-01-02T14:30:00Z\",\"symbol\":\"X\",\"last\":1} {}",
      "{\"type\":\"price\",\"ts\":\"2024-01-02T14:30:00Z\",\"symbol\":\"X\\u0041\",\"last\":1}",
      "{\"type\":\"price\",\"ts\":\"2024-01-02T14:30:00+01:00\",\"symbol\":\"X\",\"last\":1}",
      "{\"type\":\"price\",\"ts\":\"2023-02-29T14:30:00Z\",\"symbol\":\"X\",\"last\":1}",
      "{\"type\":\"price\",\"ts\":\"2024-01-02T24:00:00Z\",\"symbol\":\"X\",\"last\":1}",
      "{\"type\":\"price\",\"ts\":\"2024-01-02T23:59:60Z\",\"symbol\":\"X\",\"last\":1}",
      "{\"type\":\"price\",\"ts\":\"2024-01-02T14:30:00.Z\",\"symbol\":\"X\",\"last\":1}",
      "{\"type\":\"price\",\"ts\":\"2024-01-02T14:30:00.1234567891Z\",\"symbol\":\"X\",\"last\":1}",
      "{\"type\":\"price\",\"ts\":\"2024-01-02 14:30:00Z\",\"symbol\":\"X\",\"last\":1}",
      "{\"type\":\"price\",\"ts\":\"2024-01-02T14:30:00z\",\"symbol\":\"X\",\"last\":1}",
      "{\"type\":\"price\",\"ts\":12,\"symbol\":\"X\",\"last\":1}",
      "{\"type\":\"price\",\"ts\":\"2024-01-02T14:30:00Z\",\"symbol\":\"\",\"last\":1}",
      "{\"type\":\"price\",\"ts\":\"2024-01-02T14:30:00Z\",\"last\":1}",
      "{\"type\":\"order\",\"ts\":\"2024-01-02T14:30:00Z\",\"orderId\":\"o\",\"account\":\"A\","
          + "\"strategy\":\"S\",\"symbol\":\"X\",\"side\":\"hold\",\"quantity\":1}",
      "{\"type\":\"order\",\"ts\":\"2024-01-02T14:30:00Z\",\"orderId\":\"o\",\"account\":\"A\","
          + "\"strategy\":\"S\",\"symbol\":\"X\",\"side\":\"BUY\",\"quantity\":1,\"price\":0}",
      "{\"type\":\"order\",\"ts\":\"2024-01-02T14:30:00Z\",\"orderId\":\"o\",\"account\":\"A\","
          + "\"strategy\":\"S\",\"symbol\":\"X\",\"side\":\"buy\",\"quantity\":-1,\"leverage\":2}",
      "{\"type\":\"order\",\"ts\":\"2024-01-02T14:30:00Z\",\"orderId\":\"o\",\"account\":\"A\","
          + "\"strategy\":\"S\",\"symbol\":\"X\",\"side\":\"buy\"}",
      "{\"type\":\"fill\",\"ts\":\"2024-01-02T14:30:00Z\",\"fillId\":\"f\",\"orderId\":\"o\","
          + "\"quantity\":0,\"price\":1}",
      "{\"type\":\"fill\",\"ts\":\"2024-01-02T14:30:00Z\",\"fillId\":\"f\",\"orderId\":\"o\","
          + "\"quantity\":1,\"price\":1,\"fee\":-0.5}",
      "{\"type\":\"cancel\",\"ts\":\"2024-01-02T14:30:00Z\"}",
      "{\"type\":\"timer\",\"ts\":\"2024-01-02T14:30:00Z\",\"extra\":1}",
      "{\"type\":\"timer\"}",
      "{\"type\":\"tick\",\"ts\":\"2024-01-02T14:30:00Z\"}",
      "[1,2]",
      "{\"type\":\"timer\",\"ts\":\"2024-01-02T14:30:00Z\"",
      "not json",
      "{\"type\":\"account\",\"account\":\"A1\",\"capital\":1000,\"currency\":\"USD\"}",
    };
    for (String line : lines) {
      assertSameAsCodec(line);
    }
  }

  @Test
  void instrumentsWithASessionAreReadByTheCodec() {
    final String line =
        "{\"type\":\"instrument\",\"symbol\":\"XYZ\",\"venue\":\"XNYS\",\"currency\":\"USD\","
            + "\"tickSize\":\"0.01\",\"lotSize\":1,\"assetClass\":\"equity\","
            + "\"session\":\"Mon-Fri 09:30-16:00 America/New_York\"}";
    assertSameAsCodec(line);
    assertEquals(
        "Mon-Fri 09:30-16:00 America/New_York",
        ((Event.Instrument) ReplayEventParser.parse(line)).session().toString());
    assertSameAsCodec(line.replace("America/New_York", "Mars/Olympus"));
  }

  @Test
  void randomLinesParseAsTheCodecParsesThem() {
    System.out.println("ReplayEventParserTest seed " + SEED);
    final SplittableRandom random = new SplittableRandom(SEED);
    final List<String> lines = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      lines.add(randomLine(random));
    }
    for (String line : lines) {
      assertSameAsCodec(line);
    }
  }

  private static String randomLine(SplittableRandom r) {
    final String ts = randomTime(r);
    return switch (r.nextInt(5)) {
      case 0 ->
          "{\"type\":\"price\",\"ts\":\""
              + ts
              + "\",\"symbol\":\"S"
              + r.nextInt(10)
              + "\",\"bid\":"
              + randomNumber(r)
              + ",\"ask\":"
              + randomNumber(r)
              + "}";
      case 1 ->
          "{\"type\":\"order\",\"ts\":\""
              + ts
              + "\",\"orderId\":\"o"
              + r.nextInt(1000)
              + "\",\"account\":\"A\",\"strategy\":\"S\",\"symbol\":\"X\",\"side\":\""
              + (r.nextBoolean() ? "buy" : "sell")
              + "\",\"quantity\":"
              + randomNumber(r)
              + (r.nextBoolean() ? ",\"price\":" + randomNumber(r) : "")
              + "}";
      case 2 ->
          "{\"type\":\"fill\",\"ts\":\""
              + ts
              + "\",\"fillId\":\"f\",\"orderId\":\"o\",\"quantity\":"
              + randomNumber(r)
              + ",\"price\":"
              + randomNumber(r)
              + (r.nextBoolean() ? ",\"fee\":" + randomNumber(r) : "")
              + "}";
      case 3 -> "{\"type\":\"cancel\",\"ts\":\"" + ts + "\",\"orderId\":\"o\"}";
      default -> "{\"type\":\"timer\",\"ts\":\"" + ts + "\"}";
    };
  }

  private static String randomTime(SplittableRandom r) {
    final String fraction =
        switch (r.nextInt(4)) {
          case 0 -> "";
          case 1 -> "." + r.nextInt(10);
          case 2 -> String.format(Locale.ROOT, ".%06d", r.nextInt(1_000_000));
          default -> String.format(Locale.ROOT, ".%09d", r.nextInt(1_000_000_000));
        };
    return String.format(
        Locale.ROOT,
        "%04d-%02d-%02dT%02d:%02d:%02d%sZ",
        1899 + r.nextInt(310),
        1 + r.nextInt(12),
        1 + r.nextInt(31),
        r.nextInt(25),
        r.nextInt(60),
        r.nextInt(61),
        fraction);
  }

  private static String randomNumber(SplittableRandom r) {
    final String digits = Long.toString(r.nextLong(1, 100_000_000_000L) / (1L << r.nextInt(36)));
    final String decimals =
        r.nextInt(3) == 0
            ? ""
            : "."
                + String.format(Locale.ROOT, "%010d", r.nextLong(0, 10_000_000_000L))
                    .substring(0, 1 + r.nextInt(10));
    final String sign = r.nextInt(10) == 0 ? "-" : "";
    final String number = sign + digits + decimals;
    return r.nextBoolean() ? number : "\"" + number + "\"";
  }

  @Test
  void seventeenDigitNumbersAreReadExactlyOnBothPaths() {
    final String plain =
        "{\"type\":\"fill\",\"ts\":\"2026-11-24T10:00:00Z\",\"fillId\":\"f1\","
            + "\"orderId\":\"o1\",\"quantity\":876543210.12345677,\"price\":99889692.41357375}";
    final Event.Fill fast = (Event.Fill) ReplayEventParser.tryFast(plain);
    assertNotNull(fast);
    assertEquals(87_654_321_012_345_677L, fast.quantity());
    assertEquals(9_988_969_241_357_375L, fast.price());
    final String exponent = plain.replace("99889692.41357375", "9.988969241357375E7");
    assertNull(ReplayEventParser.tryFast(exponent), "exponents are left to the codec");
    assertEquals(fast, ReplayEventParser.parse(exponent));
  }
}
