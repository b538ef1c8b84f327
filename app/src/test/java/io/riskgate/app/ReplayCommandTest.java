package io.riskgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class ReplayCommandTest {
  private static final Path EXAMPLES = Path.of("..", "examples");

  static Stream<Path> examples() throws IOException {
    final List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(EXAMPLES, "*.jsonl")) {
      for (Path file : dir) {
        if (!file.getFileName().toString().endsWith(".expected.jsonl")) {
          files.add(file);
        }
      }
    }
    assertFalse(files.isEmpty(), "no examples found in " + EXAMPLES.toAbsolutePath());
    return files.stream().sorted();
  }

  private static int run(StringWriter err, String... args) {
    final CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleReplaysToItsExpectedOutput(Path example, @TempDir Path dir) throws IOException {
    final Path out = dir.resolve("out.jsonl");
    final StringWriter err = new StringWriter();
    assertEquals(
        0,
        run(err, "replay", "--events", example.toString(), "--out", out.toString()),
        err.toString());
    final String name = example.getFileName().toString().replace(".jsonl", ".expected.jsonl");
    assertEquals(
        Files.readString(EXAMPLES.resolve(name)), Files.readString(out), example.toString());
  }

  @Test
  void sameEventsGiveByteIdenticalOutputAndTheSameStateHash(@TempDir Path dir) throws IOException {
    final Path example = EXAMPLES.resolve("01-pre-trade-checks.jsonl");
    final StringWriter err1 = new StringWriter();
    final StringWriter err2 = new StringWriter();
    run(
        err1,
        "replay",
        "--events",
        example.toString(),
        "--out",
        dir.resolve("a").toString(),
        "--state-hash");
    run(
        err2,
        "replay",
        "--events",
        example.toString(),
        "--out",
        dir.resolve("b").toString(),
        "--state-hash");
    assertTrue(err1.toString().startsWith("state-hash "), err1.toString());
    assertEquals(err1.toString(), err2.toString());
    assertTrue(
        java.util.Arrays.equals(
            Files.readAllBytes(dir.resolve("a")), Files.readAllBytes(dir.resolve("b"))));
  }

  @Test
  void aMalformedLineStopsTheReplayNamingTheLineAndTheProblem(@TempDir Path dir)
      throws IOException {
    final Path events = dir.resolve("bad.jsonl");
    Files.writeString(
        events,
        String.join(
            "\n",
            "{\"type\":\"account\",\"account\":\"A1\",\"capital\":1000,\"currency\":\"USD\"}",
            "",
            "{\"type\":\"account\",\"account\":\"A2\",\"capital\":\"NaN\",\"currency\":\"USD\"}",
            "{\"type\":\"account\",\"account\":\"A3\",\"capital\":1000,\"currency\":\"USD\"}"),
        StandardCharsets.UTF_8);
    final StringWriter err = new StringWriter();
    assertEquals(
        1, run(err, "replay", "--events", events.toString(), "--out", dir.resolve("o").toString()));
    assertTrue(err.toString().contains("line 3"), err.toString());
    assertTrue(err.toString().contains("capital"), err.toString());
  }

  @Test
  void eventsThatDoNotFitTheStateAreRefusedWithTheirReason(@TempDir Path dir) throws IOException {
    final Path events = dir.resolve("bad.jsonl");
    Files.writeString(
        events,
        String.join(
            "\n",
            "{\"type\":\"instrument\",\"symbol\":\"X\",\"venue\":\"V\",\"currency\":\"USD\",\"tickSize\":0.01,\"lotSize\":1,\"assetClass\":\"equity\"}",
            "{\"type\":\"price\",\"ts\":\"2024-01-02T10:00:00Z\",\"symbol\":\"X\",\"last\":10}",
            "{\"type\":\"price\",\"ts\":\"2024-01-02T09:00:00Z\",\"symbol\":\"X\",\"last\":10}"),
        StandardCharsets.UTF_8);
    final StringWriter err = new StringWriter();
    assertEquals(
        1, run(err, "replay", "--events", events.toString(), "--out", dir.resolve("o").toString()));
    assertTrue(err.toString().contains("line 3: out-of-order timestamp"), err.toString());
  }

  @Test
  void unknownFieldsAndUnknownTypesAreErrors(@TempDir Path dir) throws IOException {
    final Path events = dir.resolve("bad.jsonl");
    Files.writeString(events, "{\"type\":\"timer\",\"ts\":\"2024-01-02T10:00:00Z\",\"extra\":1}\n");
    final StringWriter err = new StringWriter();
    assertEquals(
        1, run(err, "replay", "--events", events.toString(), "--out", dir.resolve("o").toString()));
    assertTrue(err.toString().contains("unknown field \"extra\""), err.toString());
  }
}
