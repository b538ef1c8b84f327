package io.riskgate.app;

import io.riskgate.app.demo.DemoDriver;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code riskgate demo}: a server with an embedded journal, a simulated venue and three simple
 * strategies over real market data, at an accelerated pace, to watch on the dashboard.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Starts a Riskgate server with a simulated venue and three strategies (AAPL 2013 bars,"
          + " BTC/USD Bitstamp trades, a simulated index with flash crashes) and prints the"
          + " dashboard's address, signed in as the risk officer.",
      "Prints 'token <role> <token>' for each role and 'dashboard <URL>'. Runs until stopped"
          + " (Ctrl-C) or for --seconds.",
      "With --fix the orders go through the FIX gateway: each strategy is a FIX client session,"
          + " the venue a simulated FIX venue; the last line counts the FIX orders and reports."
    })
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--port", paramLabel = "N", description = "TCP port (default 8080; 0 = any).")
  int port = 8080;

  @Option(
      names = "--speed",
      paramLabel = "X",
      description = "Pace: X × 4 steps of five market minutes a second (default 1).")
  double speed = 1;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Journal directory (default: a new temporary directory).")
  Path data;

  @Option(
      names = "--seconds",
      paramLabel = "S",
      description = "Stop after S seconds (default 0: run until stopped).")
  double seconds;

  @Option(
      names = "--fix",
      description =
          "Send the strategies' orders as FIX 4.4 clients through the FIX gateway (started in the"
              + " demo with a simulated FIX venue) instead of over HTTP.")
  boolean fix;

  @Override
  public Integer call() throws IOException, InterruptedException {
    final PrintWriter out = spec.commandLine().getOut();
    if (!(speed > 0) || !Double.isFinite(speed) || speed > 1000) {
      spec.commandLine().getErr().println("--speed must be in (0, 1000], got " + speed);
      return 2;
    }
    if (!(seconds >= 0) || !Double.isFinite(seconds)) {
      spec.commandLine().getErr().println("--seconds must be >= 0, got " + seconds);
      return 2;
    }
    if (port < 0 || port > 65535) {
      spec.commandLine().getErr().println("--port must be in [0, 65535], got " + port);
      return 2;
    }
    final Path dir = data != null ? data : Files.createTempDirectory("riskgate-demo-");
    try (DemoDriver demo = DemoDriver.start(dir, port, out, fix)) {
      final Thread main = Thread.currentThread();
      final Thread hook =
          new Thread(
              () -> {
                main.interrupt();
                try {
                  main.join(5_000);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      Runtime.getRuntime().addShutdownHook(hook);
      out.println("token trader " + demo.tokens().trader());
      out.println("token risk " + demo.tokens().risk());
      out.println("token viewer " + demo.tokens().viewer());
      out.println("journal " + dir);
      out.println("dashboard http://127.0.0.1:" + demo.port() + "/#token=" + demo.tokens().risk());
      out.flush();
      try {
        demo.run(speed, seconds);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      out.println("summary " + demo.counters());
      if (demo.fixCounters() != null) {
        out.println("fix " + demo.fixCounters());
      }
      out.flush();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        out.println("stopping");
      }
    }
    return 0;
  }
}
