package io.riskgate.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.riskgate.server.fix.FixSettings;
import org.junit.jupiter.api.Test;

/** The {@code fix:} section: read as the issue writes it, defaulted, and refused field by field. */
class FixConfigTest {
  private static final String FIX =
      """
      fix:
        acceptor: {port: 9876, sessions: [{senderCompId: DESK1, targetCompId: RISKGATE, account: A1, strategy: S1, cancelOnDisconnect: true, maxMessagesPerSecond: 200}]}
        venue:    {host: 127.0.0.1, port: 9877, senderCompId: RISKGATE, targetCompId: VENUE}
        dropCopy: {port: 9878, sessions: [{senderCompId: RISKGATE, targetCompId: COMPLIANCE}]}
      """;

  @Test
  void noSectionNoGateway() {
    assertNull(ConfigLoader.parse("journal: {dir: /tmp/x}\n", "t").fix());
    assertNull(ConfigLoader.defaults(java.nio.file.Path.of("data")).fix());
  }

  @Test
  void readsTheSectionOfTheIssue() {
    final FixSettings fix = ConfigLoader.parse(FIX, "t").fix();
    assertEquals(9876, fix.acceptorPort());
    final FixSettings.ClientSession c = fix.clients().get(0);
    assertEquals("DESK1", c.senderCompId());
    assertEquals("RISKGATE", c.targetCompId());
    assertEquals("A1", c.account());
    assertEquals("S1", c.strategy());
    assertTrue(c.cancelOnDisconnect());
    assertEquals(200, c.maxMessagesPerSecond());
    assertEquals("127.0.0.1", fix.venue().host());
    assertEquals(9877, fix.venue().port());
    assertEquals("VENUE", fix.venue().venue(), "the venue's name defaults to its comp id");
    assertTrue(fix.venue().massCancel());
    assertEquals(9878, fix.dropCopyPort());
    assertEquals("COMPLIANCE", fix.dropCopies().get(0).targetCompId());
    assertFalse(fix.messageLog(), "no message log unless asked for: it sits on the order path");
    assertTrue(ConfigLoader.parse(FIX + "  messageLog: true\n", "t").fix().messageLog());
  }

  @Test
  void dropCopyIsOptionalAndMassCancelCanBeOff() {
    final FixSettings fix =
        ConfigLoader.parse(
                """
                fix:
                  acceptor: {port: 0, sessions: [{senderCompId: D, targetCompId: R, account: A1, strategy: S1}]}
                  venue: {port: 9877, senderCompId: R, targetCompId: V, name: X, massCancel: false}
                """,
                "t")
            .fix();
    assertTrue(fix.dropCopies().isEmpty());
    assertFalse(fix.venue().massCancel());
    assertEquals("X", fix.venue().venue());
    assertEquals(100, fix.clients().get(0).maxMessagesPerSecond());
  }

  @Test
  void everyBadFieldIsNamed() {
    final ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                ConfigLoader.parse(
                    """
                    fix:
                      acceptor: {port: 70000, sessions: [{senderCompId: DESK1, targetCompId: RISKGATE, strategy: S1, maxMessagesPerSecond: 0, colour: red}]}
                      venue: {host: 127.0.0.1, senderCompId: RISKGATE, targetCompId: VENUE}
                      dropCopy: {sessions: [{senderCompId: RISKGATE}]}
                      extra: 1
                    """,
                    "t"));
    final String m = e.getMessage();
    for (String expected :
        new String[] {
          "fix.acceptor.port must be in [0, 65535], got 70000",
          "fix.acceptor.sessions[0].account is missing",
          "fix.acceptor.sessions[0].maxMessagesPerSecond must be in [1, 1000000], got 0",
          "fix.acceptor.sessions[0]: unknown key \"colour\"",
          "fix.venue.port is missing",
          "fix.dropCopy.port is missing",
          "fix.dropCopy.sessions[0].targetCompId is missing",
          "fix: unknown key \"extra\""
        }) {
      assertTrue(m.contains(expected), "missing \"" + expected + "\" in:\n" + m);
    }
  }

  @Test
  void aSessionListedTwiceIsRefused() {
    final ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                ConfigLoader.parse(
                    """
                    fix:
                      acceptor: {port: 1, sessions: [{senderCompId: D, targetCompId: R, account: A1, strategy: S1},
                                                     {senderCompId: D, targetCompId: R, account: A1, strategy: S2}]}
                      venue: {port: 9877, senderCompId: R, targetCompId: V}
                    """,
                    "t"));
    assertTrue(e.getMessage().contains("senderCompId D is listed twice"), e.getMessage());
  }
}
