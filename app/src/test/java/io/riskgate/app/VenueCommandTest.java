package io.riskgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@code riskgate venue}: its help and the refusal of bad options (the venue itself runs in the
 * server's FIX tests).
 */
class VenueCommandTest {
  @Test
  void helpNamesTheOptionsAndTheControls() {
    final CommandRun run = CommandRun.of("venue", "--help");
    assertEquals(0, run.exitCode());
    for (String s : new String[] {"--fix-port", "--fill-mode", "venue:reject", "venue:bust"}) {
      assertTrue(run.out().contains(s), s + " in:\n" + run.out());
    }
  }

  @Test
  void refusesAnUnknownFillMode() {
    final CommandRun run = CommandRun.of("venue", "--fill-mode", "sometimes");
    assertEquals(2, run.exitCode());
    assertTrue(
        run.err().contains("fill mode must be immediate or book, got \"sometimes\""), run.err());
  }

  @Test
  void refusesAPortOutOfRange() {
    final CommandRun run = CommandRun.of("venue", "--fix-port", "70000");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("--fix-port must be in [1, 65535], got 70000"), run.err());
  }
}
