package io.riskgate.app;

import io.riskgate.app.report.EventFileReader;
import io.riskgate.app.report.LimitOverrides;
import io.riskgate.app.report.ProgressBar;
import io.riskgate.app.report.ReplayReport;
import io.riskgate.app.report.ReplayRun;
import io.riskgate.app.report.WhatIf;
import io.riskgate.core.engine.EngineConfig;
import io.riskgate.core.engine.OutputSink;
import io.riskgate.core.engine.RiskEngine;
import io.riskgate.core.event.Event;
import io.riskgate.server.codec.OutputWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
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
          + " outputs of the lines before it stand, nothing of that line is applied.",
      "With --report, writes a report directory: summary.json, PNG charts and a self-contained"
          + " index.html. With --limits, replays under that limit file's overrides; adding"
          + " --compare-limits replays the same events under a second limit file as well and"
          + " reports both side by side (a what-if).",
      "Limit file: a YAML list of {scope: \"account:A1\", limits: {maxPositionFraction: 0.2}}."
          + " A scope's overrides are applied right after the event defining the scope (the"
          + " firm's before the first event) and again after every limits event of the file for"
          + " that scope, so the limits they name always win; null removes a limit. Under a limit"
          + " file, fills and cancels of orders that replay rejected are skipped and counted.",
      "Exit codes: 0 done, 1 an event line failed, 2 bad options or limit file."
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
      description =
          "Write outputs here (default: standard output; with --report and no --out, outputs are"
              + " not written). In a what-if, the outputs of limit set a.")
  Path out;

  @Option(
      names = "--state-hash",
      description =
          "Print the final engine state hash on standard error as 'state-hash <hex>'"
              + " (in a what-if, of limit set a).")
  boolean stateHash;

  @Option(
      names = "--report",
      paramLabel = "DIR",
      description = "Write summary.json, PNG charts and index.html into this directory.")
  Path report;

  @Option(
      names = "--limits",
      paramLabel = "A.yaml",
      description = "Limit overrides to replay under (limit set a).")
  Path limits;

  @Option(
      names = "--compare-limits",
      paramLabel = "B.yaml",
      description =
          "A second limit file (limit set b): replay under both and compare; needs --report."
              + " Without --limits, a is the events' own limits.")
  Path compareLimits;

  @Option(
      names = "--progress",
      description =
          "Draw a progress bar on standard error (by default only when running in a terminal).")
  boolean progress;

  @Override
  public Integer call() throws IOException {
    final PrintWriter err = spec.commandLine().getErr();
    if (compareLimits != null && report == null) {
      err.println("riskgate replay: --compare-limits needs --report DIR to write the comparison");
      err.flush();
      return 2;
    }
    final LimitOverrides a;
    final LimitOverrides b;
    try {
      a = limits == null ? LimitOverrides.NONE : LimitOverrides.load(limits);
      b = compareLimits == null ? null : LimitOverrides.load(compareLimits);
    } catch (IllegalArgumentException | IOException e) {
      err.println("riskgate replay: limit file " + message(e));
      err.flush();
      return 2;
    }
    final boolean plain = report == null && limits == null;
    final Writer writer =
        out != null
            ? Files.newBufferedWriter(out, StandardCharsets.UTF_8)
            : report != null
                ? Writer.nullWriter()
                : new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
    final ProgressBar bar =
        progress || System.console() != null ? new ProgressBar(err, Files.size(events)) : null;
    try (writer) {
      final OutputSink sink =
          out == null && report != null ? OutputSink.NONE : new OutputWriter(writer);
      final Result result;
      ReplayRun runA = null;
      WhatIf whatIf = null;
      if (plain) {
        final RiskEngine engine = new RiskEngine(EngineConfig.defaults(), sink);
        result = loop(events, eachEvent(engine::apply), engine::stateHash, bar);
      } else {
        runA = new ReplayRun("a", a, !a.isEmpty() || b != null, sink);
        if (b != null) {
          whatIf = new WhatIf(runA, new ReplayRun("b", b, true, OutputSink.NONE));
          try (WhatIf both = whatIf) {
            result = loop(events, both::apply, runA.engine()::stateHash, bar);
          }
        } else {
          result = loop(events, eachEvent(runA::apply), runA.engine()::stateHash, bar);
        }
      }
      writer.flush();
      if (result.error != null) {
        err.println("riskgate replay: " + events + " line " + result.line + ": " + result.error);
        err.flush();
        return 1;
      }
      if (report != null) {
        if (whatIf != null) {
          ReplayReport.write(report, events.toString(), whatIf);
        } else {
          ReplayReport.write(report, events.toString(), runA);
        }
        err.println("report " + report.resolve(ReplayReport.INDEX));
      }
      if (stateHash) {
        err.println(
            "state-hash " + String.format(java.util.Locale.ROOT, "%016x", result.stateHash));
      }
      err.flush();
      return 0;
    }
  }

  private static String message(Exception e) {
    return e instanceof IllegalArgumentException
        ? e.getMessage()
        : "cannot be read: " + e.getClass().getSimpleName() + " " + e.getMessage();
  }

  /** What a replay ended with. */
  public record Result(long lines, long stateHash, long line, String error) {}

  /** Replays a file into {@code writer}; stops at the first bad line. */
  public static Result replay(Path file, Writer writer) throws IOException {
    final RiskEngine engine = new RiskEngine(EngineConfig.defaults(), new OutputWriter(writer));
    return loop(file, eachEvent(engine::apply), engine::stateHash, null);
  }

  /** Applies a batch of events; a refused event is reported with its index in the batch. */
  private interface BatchApplier {
    void apply(EventFileReader.Batch batch);
  }

  /** An event refused by the engine: its index in the batch and the engine's reason. */
  private static final class Refused extends IllegalArgumentException {
    final int index;

    Refused(int index, String message) {
      super(message);
      this.index = index;
    }
  }

  private static BatchApplier eachEvent(Consumer<Event> apply) {
    return batch -> {
      for (int i = 0; i < batch.size(); i++) {
        try {
          apply.accept(batch.event(i));
        } catch (IllegalArgumentException e) {
          throw new Refused(i, e.getMessage());
        }
      }
    };
  }

  /**
   * Reads the file (parsing on a reader thread, see {@link EventFileReader}) and hands its events
   * to {@code apply} in file order, a batch at a time; stops at the first line that fails to parse
   * or apply.
   */
  private static Result loop(Path file, BatchApplier apply, LongSupplier stateHash, ProgressBar bar)
      throws IOException {
    long applied = 0;
    try (EventFileReader reader = new EventFileReader(file)) {
      EventFileReader.Batch batch;
      while ((batch = reader.next()) != null) {
        try {
          apply.apply(batch);
        } catch (Refused | WhatIf.Refusal e) {
          final int index = e instanceof Refused r ? r.index : ((WhatIf.Refusal) e).index();
          finish(bar, batch, applied + index);
          final long line = batch.line(index);
          return new Result(line, stateHash.getAsLong(), line, e.getMessage());
        }
        applied += batch.size();
        if (batch.error() != null) {
          finish(bar, batch, applied);
          return new Result(
              batch.errorLine(), stateHash.getAsLong(), batch.errorLine(), batch.error());
        }
        if (bar != null) {
          bar.update(batch.bytesRead(), applied);
        }
      }
      if (bar != null) {
        bar.finish(Files.size(file), applied);
      }
      return new Result(reader.lines(), stateHash.getAsLong(), 0, null);
    }
  }

  private static void finish(ProgressBar bar, EventFileReader.Batch batch, long applied) {
    if (bar != null) {
      bar.finish(batch.bytesRead(), applied);
    }
  }
}
