package io.riskgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code riskgate demo} headless for a bounded time at high speed and checks that orders were
 * approved and rejected, an alert was raised and a circuit breaker changed state.
 */
class DemoCommandTest {
  @TempDir Path data;

  @Test
  void demoApprovesAndRejectsOrdersRaisesAlertsAndTripsABreaker() {
    final CommandRun run =
        CommandRun.of(
            "demo", "--port", "0", "--speed", "40", "--seconds", "25", "--data", data.toString());
    assertEquals(0, run.exitCode(), run.err());
    final String out = run.out();
    for (String role : new String[] {"trader", "risk", "viewer"}) {
      assertTrue(
          Pattern.compile("(?m)^token " + role + " [0-9a-f]{32}$").matcher(out).find(),
          "token line for " + role + " in:\n" + out);
    }
    final Matcher risk = Pattern.compile("(?m)^token risk ([0-9a-f]{32})$").matcher(out);
    assertTrue(risk.find());
    assertTrue(
        Pattern.compile("(?m)^dashboard http://127\\.0\\.0\\.1:\\d+/#token=" + risk.group(1) + "$")
            .matcher(out)
            .find(),
        out);
    final Matcher summary =
        Pattern.compile(
                "(?m)^summary approved=(\\d+) rejected=(\\d+) alerts=(\\d+)"
                    + " breakerTransitions=(\\d+) kills=(\\d+)$")
            .matcher(out);
    assertTrue(summary.find(), out);
    assertTrue(Long.parseLong(summary.group(1)) > 0, "approved orders: " + summary.group());
    assertTrue(Long.parseLong(summary.group(2)) > 0, "rejected orders: " + summary.group());
    assertTrue(Long.parseLong(summary.group(3)) > 0, "alerts: " + summary.group());
    assertTrue(Long.parseLong(summary.group(4)) >= 2, "breaker trip and recovery: " + summary);
    assertTrue(out.contains("breaker CLOSED -> OPEN"), out);
    assertTrue(out.contains("-> CLOSED"), "the breaker recovers:\n" + out);
  }

  @Test
  void demoWithFixSendsTheStrategiesOrdersThroughTheGatewayAsFixClients() {
    final CommandRun run =
        CommandRun.of(
            "demo",
            "--fix",
            "--port",
            "0",
            "--speed",
            "40",
            "--seconds",
            "12",
            "--data",
            data.toString());
    assertEquals(0, run.exitCode(), run.err());
    final String out = run.out();
    assertTrue(
        Pattern.compile("(?m)^fix gateway 127\\.0\\.0\\.1:\\d+ venue 127\\.0\\.0\\.1:\\d+$")
            .matcher(out)
            .find(),
        out);
    final Matcher summary =
        Pattern.compile("(?m)^summary approved=(\\d+) rejected=(\\d+) ").matcher(out);
    assertTrue(summary.find(), out);
    final Matcher fix =
        Pattern.compile("(?m)^fix orders=(\\d+) acknowledged=(\\d+) filled=(\\d+) rejected=(\\d+)$")
            .matcher(out);
    assertTrue(fix.find(), out);
    final long sent = Long.parseLong(fix.group(1));
    final long acknowledged = Long.parseLong(fix.group(2));
    final long filled = Long.parseLong(fix.group(3));
    final long rejected = Long.parseLong(fix.group(4));
    assertTrue(
        acknowledged > 0 && filled > 0, "orders approved and filled over FIX: " + fix.group());
    assertTrue(
        rejected > 0, "the scalper's oversized orders are rejected over FIX: " + fix.group());
    assertTrue(acknowledged + rejected <= sent, fix.group());
    // The engine decided every one of them: its decisions are those of the FIX orders (a
    // rejection by the gateway after an approval, such as VENUE_DOWN, is one of each).
    final long approved = Long.parseLong(summary.group(1));
    final long decided = approved + Long.parseLong(summary.group(2));
    assertTrue(
        approved >= acknowledged && decided >= acknowledged + rejected,
        summary.group() + " / " + fix.group());
    assertTrue(!out.contains("fix error"), out);
  }
}
