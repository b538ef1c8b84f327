package io.riskgate.app;

import io.riskgate.server.fix.SimulatedVenue;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code riskgate venue}: a simulated FIX 4.4 venue to point the gateway (or any FIX client) at,
 * until the process is stopped.
 */
@Command(
    name = "venue",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a simulated FIX 4.4 venue (acceptor, any counterparty comp id): acknowledges orders,"
          + " fills limit orders, cancels (35=F), replaces (35=G) and cancels en masse (35=q).",
      "immediate: limit orders fill in full at their price at once; book: they rest until the"
          + " venue's price path (a slow sine of +-1% around the first price seen, stepped every"
          + " --path-millis) crosses them.",
      "Controls in an order's Text (58): venue:reject, venue:rest, venue:bust (fill then bust,"
          + " 150=H), venue:expire (150=C)."
    })
final class VenueCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--fix-port",
      paramLabel = "N",
      defaultValue = "9877",
      description = "TCP port of the acceptor (default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--fill-mode",
      paramLabel = "MODE",
      defaultValue = "immediate",
      description = "immediate or book (default ${DEFAULT-VALUE}).")
  String fillMode;

  @Option(
      names = "--comp-id",
      paramLabel = "ID",
      defaultValue = "VENUE",
      description = "The venue's SenderCompID (default ${DEFAULT-VALUE}).")
  String compId;

  @Option(
      names = "--path-millis",
      paramLabel = "MS",
      defaultValue = "200",
      description =
          "Period of the price path's steps in book mode, 0 = none (default ${DEFAULT-VALUE}).")
  long pathMillis;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      defaultValue = "venue-data",
      description = "Session stores and logs (default ${DEFAULT-VALUE}).")
  Path data;

  @Override
  public Integer call() throws InterruptedException {
    final SimulatedVenue.FillMode mode;
    try {
      mode = SimulatedVenue.FillMode.of(fillMode);
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("--fix-port must be in [1, 65535], got " + port);
      }
      if (pathMillis < 0) {
        throw new IllegalArgumentException("--path-millis must be >= 0, got " + pathMillis);
      }
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 2;
    }
    final SimulatedVenue venue =
        SimulatedVenue.start(
            compId, port, mode, data, mode == SimulatedVenue.FillMode.BOOK ? pathMillis : 0);
    final CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  venue.close();
                  stopped.countDown();
                }));
    System.out.println(
        "riskgate venue "
            + compId
            + " listening for FIX 4.4 on port "
            + port
            + " ("
            + mode.name().toLowerCase(java.util.Locale.ROOT)
            + " fills)");
    System.out.flush();
    stopped.await();
    return 0;
  }
}
