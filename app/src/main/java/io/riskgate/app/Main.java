package io.riskgate.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code riskgate} command line: one subcommand per job. */
@Command(
    name = "riskgate",
    mixinStandardHelpOptions = true,
    version = "riskgate 0.1.0",
    description = "Risk management and position sizing for algorithmic trading.",
    subcommands = {
      CommandLine.HelpCommand.class,
      ReplayCommand.class,
      StatsCommand.class,
      VolatilityCommand.class,
      KellyCommand.class,
      SizeCommand.class,
      ServeCommand.class,
      KafkaDevCommand.class,
      AuditCommand.class,
      DemoCommand.class,
      VenueCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and the tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
