package io.riskgate.server.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.riskgate.server.fix.FixSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The {@code fix} section: the FIX gateway's acceptor, venue and drop-copy sessions. */
final class FixSection {
  private FixSection() {}

  /**
   * The FIX gateway ({@code fix:}), or null when the section is absent. Every problem names its
   * field, such as {@code fix.acceptor.sessions[0].account is missing}.
   */
  static FixSettings read(ConfigReader in, JsonNode fix) {
    if (fix == null || fix.isNull()) {
      return null;
    }
    if (!fix.isObject()) {
      in.problems.add("fix must be a mapping with acceptor, venue and optionally dropCopy");
      return null;
    }
    final int before = in.problems.size();
    in.unknownKeys(fix, "fix", Set.of("acceptor", "venue", "dropCopy", "messageLog"));
    final boolean messageLog = in.bool(fix, "fix.messageLog", false);
    final JsonNode acceptor = in.mapping(fix, "fix.acceptor", true);
    final JsonNode venue = in.mapping(fix, "fix.venue", true);
    final JsonNode dropCopy = in.mapping(fix, "fix.dropCopy", false);
    final List<FixSettings.ClientSession> clients = new ArrayList<>();
    long acceptorPort = 0;
    if (acceptor != null) {
      in.unknownKeys(acceptor, "fix.acceptor", Set.of("port", "sessions"));
      acceptorPort = in.integer(acceptor, "fix.acceptor.port", -1, 0, 65535);
      if (acceptorPort < 0) {
        in.problems.add("fix.acceptor.port is missing");
      }
      final JsonNode sessions = in.list(acceptor, "fix.acceptor.sessions");
      for (int i = 0; sessions != null && i < sessions.size(); i++) {
        final String label = "fix.acceptor.sessions[" + i + "]";
        final JsonNode s = sessions.get(i);
        if (!s.isObject()) {
          in.problems.add(label + " must be a mapping");
          continue;
        }
        in.unknownKeys(
            s,
            label,
            Set.of(
                "senderCompId",
                "targetCompId",
                "account",
                "strategy",
                "cancelOnDisconnect",
                "maxMessagesPerSecond"));
        final String sender = in.text(s, label + ".senderCompId", null);
        final String target = in.text(s, label + ".targetCompId", null);
        final String account = in.text(s, label + ".account", null);
        final String strategy = in.text(s, label + ".strategy", null);
        final boolean cod = in.bool(s, label + ".cancelOnDisconnect", true);
        final long rate = in.integer(s, label + ".maxMessagesPerSecond", 100, 1, 1_000_000);
        if (sender != null && target != null && account != null && strategy != null) {
          try {
            clients.add(
                new FixSettings.ClientSession(sender, target, account, strategy, cod, (int) rate));
          } catch (IllegalArgumentException e) {
            in.problems.add(label + ": " + e.getMessage());
          }
        }
      }
    }
    FixSettings.VenueSession venueSession = null;
    if (venue != null) {
      in.unknownKeys(
          venue,
          "fix.venue",
          Set.of("host", "port", "senderCompId", "targetCompId", "name", "massCancel"));
      final String host = in.text(venue, "fix.venue.host", "127.0.0.1");
      final long port = in.integer(venue, "fix.venue.port", -1, 1, 65535);
      if (port < 0) {
        in.problems.add("fix.venue.port is missing");
      }
      final String sender = in.text(venue, "fix.venue.senderCompId", null);
      final String target = in.text(venue, "fix.venue.targetCompId", null);
      final String name = in.text(venue, "fix.venue.name", target == null ? "VENUE" : target);
      final boolean massCancel = in.bool(venue, "fix.venue.massCancel", true);
      if (port > 0 && sender != null && target != null) {
        try {
          venueSession =
              new FixSettings.VenueSession(host, (int) port, sender, target, name, massCancel);
        } catch (IllegalArgumentException e) {
          in.problems.add("fix.venue: " + e.getMessage());
        }
      }
    }
    final List<FixSettings.DropCopySession> copies = new ArrayList<>();
    long dropCopyPort = -1;
    if (dropCopy != null) {
      in.unknownKeys(dropCopy, "fix.dropCopy", Set.of("port", "sessions"));
      dropCopyPort = in.integer(dropCopy, "fix.dropCopy.port", -1, 0, 65535);
      if (dropCopyPort < 0) {
        in.problems.add("fix.dropCopy.port is missing");
      }
      final JsonNode sessions = in.list(dropCopy, "fix.dropCopy.sessions");
      for (int i = 0; sessions != null && i < sessions.size(); i++) {
        final String label = "fix.dropCopy.sessions[" + i + "]";
        final JsonNode s = sessions.get(i);
        if (!s.isObject()) {
          in.problems.add(label + " must be a mapping");
          continue;
        }
        in.unknownKeys(s, label, Set.of("senderCompId", "targetCompId"));
        final String sender = in.text(s, label + ".senderCompId", null);
        final String target = in.text(s, label + ".targetCompId", null);
        if (sender != null && target != null) {
          try {
            copies.add(new FixSettings.DropCopySession(sender, target));
          } catch (IllegalArgumentException e) {
            in.problems.add(label + ": " + e.getMessage());
          }
        }
      }
    }
    if (in.problems.size() > before || venueSession == null) {
      return null;
    }
    try {
      return new FixSettings(
          (int) acceptorPort, clients, venueSession, (int) dropCopyPort, copies, messageLog);
    } catch (IllegalArgumentException e) {
      in.problems.add("fix." + e.getMessage());
      return null;
    }
  }
}
