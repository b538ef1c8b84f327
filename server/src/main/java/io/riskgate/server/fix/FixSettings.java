package io.riskgate.server.fix;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The FIX 4.4 gateway's configuration, the {@code fix:} section of the server's file:
 *
 * <pre>
 * fix:
 *   acceptor: {port: 9876, sessions: [{senderCompId: DESK1, targetCompId: RISKGATE, account: A1,
 *              strategy: S1, cancelOnDisconnect: true, maxMessagesPerSecond: 200}]}
 *   venue:    {host: 127.0.0.1, port: 9877, senderCompId: RISKGATE, targetCompId: VENUE}
 *   dropCopy: {port: 9878, sessions: [{senderCompId: RISKGATE, targetCompId: COMPLIANCE}]}
 *   messageLog: false
 * </pre>
 *
 * <p>Comp ids are as each side sees them in its own messages: a client session's {@code
 * senderCompId} is the client's (DESK1), {@code targetCompId} the gateway's (RISKGATE); the venue
 * and drop-copy sessions name the gateway as sender.
 *
 * @param acceptorPort where clients connect (0: a free port)
 * @param clients the client sessions the acceptor knows
 * @param venue the one venue session the gateway initiates
 * @param dropCopyPort where drop-copy sessions connect (0: a free port), or -1 for none
 * @param dropCopies the drop-copy sessions (each gets every execution report)
 * @param messageLog whether every message of every session is written to a file log in the
 *     gateway's directory ({@code log/}); off by default, since those writes sit on the order path.
 *     A session's error events reach the server's log either way; the session stores, which
 *     recovery needs, are kept in both cases
 */
public record FixSettings(
    int acceptorPort,
    List<ClientSession> clients,
    VenueSession venue,
    int dropCopyPort,
    List<DropCopySession> dropCopies,
    boolean messageLog) {

  /** Default heartbeat interval of every session, seconds. */
  public static final int HEARTBEAT_SECONDS = 30;

  /**
   * A client session: who may log on, and the book its orders go to.
   *
   * @param senderCompId the client's comp id (tag 49 of its messages)
   * @param targetCompId the gateway's comp id as the client names it (tag 56)
   * @param account the account of every order of the session
   * @param strategy the strategy of every order of the session
   * @param cancelOnDisconnect whether the session's open orders are cancelled at the venue when it
   *     logs out or drops
   * @param maxMessagesPerSecond application messages accepted per second; more are refused with a
   *     BusinessMessageReject
   */
  public record ClientSession(
      String senderCompId,
      String targetCompId,
      String account,
      String strategy,
      boolean cancelOnDisconnect,
      int maxMessagesPerSecond) {
    public ClientSession {
      requireId(senderCompId, "senderCompId");
      requireId(targetCompId, "targetCompId");
      requireId(account, "account");
      requireId(strategy, "strategy");
      if (maxMessagesPerSecond < 1) {
        throw new IllegalArgumentException(
            "maxMessagesPerSecond must be at least 1, got " + maxMessagesPerSecond);
      }
    }
  }

  /**
   * The venue session the gateway initiates.
   *
   * @param venue the venue's name in the engine (instruments' {@code venue}), for {@code
   *     venueStatus}
   * @param massCancel whether the venue takes OrderMassCancelRequest (35=q); otherwise the kill
   *     switch cancels with one OrderCancelRequest per order
   */
  public record VenueSession(
      String host,
      int port,
      String senderCompId,
      String targetCompId,
      String venue,
      boolean massCancel) {
    public VenueSession {
      requireId(host, "host");
      requireId(senderCompId, "senderCompId");
      requireId(targetCompId, "targetCompId");
      requireId(venue, "venue");
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be in [1, 65535], got " + port);
      }
    }
  }

  /**
   * A drop-copy session: the gateway is {@code senderCompId}, the listener {@code targetCompId}.
   */
  public record DropCopySession(String senderCompId, String targetCompId) {
    public DropCopySession {
      requireId(senderCompId, "senderCompId");
      requireId(targetCompId, "targetCompId");
    }
  }

  /** Settings without a message log. */
  public FixSettings(
      int acceptorPort,
      List<ClientSession> clients,
      VenueSession venue,
      int dropCopyPort,
      List<DropCopySession> dropCopies) {
    this(acceptorPort, clients, venue, dropCopyPort, dropCopies, false);
  }

  public FixSettings {
    Objects.requireNonNull(venue, "venue");
    clients = List.copyOf(clients);
    dropCopies = List.copyOf(dropCopies);
    if (acceptorPort < 0 || acceptorPort > 65535) {
      throw new IllegalArgumentException(
          "acceptor.port must be in [0, 65535], got " + acceptorPort);
    }
    if (dropCopyPort < -1 || dropCopyPort > 65535) {
      throw new IllegalArgumentException(
          "dropCopy.port must be in [0, 65535], got " + dropCopyPort);
    }
    if (clients.isEmpty()) {
      throw new IllegalArgumentException("acceptor.sessions must name at least one session");
    }
    final Set<String> seen = new HashSet<>();
    final Set<String> clientIds = new HashSet<>();
    for (ClientSession c : clients) {
      if (!clientIds.add(c.senderCompId())) {
        throw new IllegalArgumentException(
            "acceptor.sessions: senderCompId " + c.senderCompId() + " is listed twice");
      }
      if (!seen.add(c.senderCompId() + "->" + c.targetCompId())) {
        throw new IllegalArgumentException(
            "acceptor.sessions: the session "
                + c.senderCompId()
                + " -> "
                + c.targetCompId()
                + " is listed twice");
      }
    }
    for (DropCopySession d : dropCopies) {
      if (!seen.add(d.targetCompId() + "->" + d.senderCompId())) {
        throw new IllegalArgumentException(
            "dropCopy.sessions: the session "
                + d.senderCompId()
                + " -> "
                + d.targetCompId()
                + " is listed twice or is also a client session");
      }
    }
    if (!dropCopies.isEmpty() && dropCopyPort < 0) {
      throw new IllegalArgumentException("dropCopy.port is missing");
    }
  }

  /** These settings with other ports (tests pick free ones). */
  public FixSettings withPorts(int acceptor, int venuePort, int dropCopy) {
    return new FixSettings(
        acceptor,
        clients,
        new VenueSession(
            venue.host(),
            venuePort,
            venue.senderCompId(),
            venue.targetCompId(),
            venue.venue(),
            venue.massCancel()),
        dropCopies.isEmpty() ? dropCopyPort : dropCopy,
        dropCopies,
        messageLog);
  }

  /** These settings with the message log on or off. */
  public FixSettings withMessageLog(boolean on) {
    return new FixSettings(acceptorPort, clients, venue, dropCopyPort, dropCopies, on);
  }

  private static void requireId(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is missing");
    }
    for (int i = 0; i < value.length(); i++) {
      final char c = value.charAt(i);
      if (c <= ' ' || c == 0x7f || c == '|' || c == '=') {
        throw new IllegalArgumentException(
            name + " must be printable without spaces, '|' or '=', got \"" + value + "\"");
      }
    }
  }
}
