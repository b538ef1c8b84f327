package io.riskgate.app;

import io.riskgate.core.engine.EngineConfig;
import io.riskgate.core.engine.RiskEngine;
import io.riskgate.core.event.Event;
import io.riskgate.server.codec.EventCodec;
import io.riskgate.server.codec.OutputWriter;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code riskgate replay}: runs recorded events through the engine and writes its outputs. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Replays events (JSON lines in the event language) through the risk engine and writes its"
          + " outputs (decision, state) as JSON lines.",
      "A malformed or inapplicable line stops the replay with an error naming the line; the"
          + " outputs of the lines before it stand, nothing of that line is applied."
    })
public final class ReplayCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--events",
      required = true,
      paramLabel = "FILE.jsonl",
      description = "Events to replay.")
  Path events;

  @Option(
      names = "--out",
      paramLabel = "FILE.jsonl",
      description = "Write outputs here (default: standard output).")
  Path out;

  @Option(
      names = "--state-hash",
      description = "Print the final engine state hash on standard error as 'state-hash <hex>'.")
  boolean stateHash;

  @Override
  public Integer call() throws IOException {
    final Writer writer =
        out == null
            ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
            : Files.newBufferedWriter(out, StandardCharsets.UTF_8);
    final PrintWriter err = spec.commandLine().getErr();
    try (writer) {
      final Result result = replay(events, writer);
      writer.flush();
      if (result.error != null) {
        err.println("riskgate replay: " + events + " line " + result.line + ": " + result.error);
        return 1;
      }
      if (stateHash) {
        err.println("state-hash " + String.format("%016x", result.stateHash));
      }
      err.flush();
      return 0;
    }
  }

  /** What a replay ended with. */
  public record Result(long lines, long stateHash, long line, String error) {}

  /** Replays a file into {@code writer}; stops at the first bad line. */
  public static Result replay(Path file, Writer writer) throws IOException {
    final OutputWriter outputs = new OutputWriter(writer);
    final RiskEngine engine = new RiskEngine(EngineConfig.defaults(), outputs);
    long lineNumber = 0;
    try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = reader.readLine()) != null) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        try {
          final Event event = EventCodec.parse(line);
          engine.apply(event);
        } catch (IllegalArgumentException e) {
          return new Result(lineNumber, engine.stateHash(), lineNumber, e.getMessage());
        }
      }
    }
    return new Result(lineNumber, engine.stateHash(), 0, null);
  }
}
