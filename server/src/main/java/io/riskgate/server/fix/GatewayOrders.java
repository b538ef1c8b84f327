package io.riskgate.server.fix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The gateway's orders: which client session owns each engine order, the client's ClOrdIDs and the
 * gateway's own at the venue, and what is filled. Every change is appended to a file of JSON lines
 * ({@code orders.jsonl} in the gateway's directory) before the message it enables is sent, so a
 * restarted gateway knows every order it forwarded and maps the venue's reports of them back to
 * their clients. With {@code force} every line is also forced to the device.
 *
 * <p>Ids: an order's engine id is {@code <client comp id>-<client ClOrdID>}, also its first ClOrdID
 * at the venue; each cancel or replace request at the venue gets {@code <order id>.<n>}. Not
 * thread-safe on its own: the gateway calls it under its lock.
 */
final class GatewayOrders implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One order the gateway forwarded. */
  static final class Order {
    final String orderId;
    final String session;
    final String account;
    final String symbol;
    final char side;
    String clientClOrdId;
    String venueClOrdId;
    BigDecimal cumQty = BigDecimal.ZERO;
    boolean open = true;
    int requests;

    /** OrderQty (38) of the order as the venue holds it, or null when not known. */
    BigDecimal quantity;

    /** Price (44) as the venue holds it, or null for a market order (or not known). */
    String price;

    /**
     * Whether a cancel/replace of the order is being checked or waits for the venue's answer: a
     * second one is refused until then, so that a refused replace has one state to go back to.
     */
    boolean replacing;

    Order(String orderId, String session, String account, String symbol, char side) {
      this.orderId = orderId;
      this.session = session;
      this.account = account;
      this.symbol = symbol;
      this.side = side;
    }
  }

  private final FileChannel file;
  private final boolean force;
  private final Map<String, Order> byOrderId = new HashMap<>();
  private final Map<String, Order> byVenueId = new HashMap<>();
  private final Map<String, String> clientIdOfVenueId = new HashMap<>();
  private final Map<String, Order> byClientId = new HashMap<>();
  private final Map<String, String[]> replaceRequests = new HashMap<>();

  private GatewayOrders(FileChannel file, boolean force) {
    this.file = file;
    this.force = force;
  }

  /** Opens (or creates) the file in {@code directory} and reads every order it holds. */
  static GatewayOrders open(Path directory, boolean force) throws IOException {
    Files.createDirectories(directory);
    final Path path = directory.resolve("orders.jsonl");
    final List<String> lines = Files.exists(path) ? Files.readAllLines(path) : List.of();
    final GatewayOrders orders =
        new GatewayOrders(
            FileChannel.open(
                path,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                StandardOpenOption.APPEND),
            force);
    for (int i = 0; i < lines.size(); i++) {
      final String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      final JsonNode n;
      try {
        n = JSON.readTree(line);
      } catch (IOException e) {
        if (i == lines.size() - 1) {
          break; // a torn last line: the message it enabled was never sent
        }
        throw new IOException(path + " line " + (i + 1) + " is not JSON: " + e.getMessage(), e);
      }
      orders.apply(n);
    }
    return orders;
  }

  private void apply(JsonNode n) {
    final String orderId = n.path("orderId").asText();
    switch (n.path("k").asText()) {
      case "order" -> {
        final Order o =
            new Order(
                orderId,
                n.path("session").isNull() ? null : n.path("session").asText(null),
                n.path("account").asText(),
                n.path("symbol").asText(),
                n.path("side").asText().charAt(0));
        o.clientClOrdId = n.path("client").asText(null);
        o.venueClOrdId = orderId;
        o.quantity = n.hasNonNull("qty") ? new BigDecimal(n.get("qty").asText()) : null;
        o.price = n.path("price").asText(null);
        index(o, orderId, o.clientClOrdId);
        byOrderId.put(orderId, o);
      }
      case "request" -> {
        final Order o = byOrderId.get(orderId);
        if (o != null) {
          o.requests = Math.max(o.requests, n.path("n").asInt());
          index(o, n.path("venue").asText(), n.path("client").asText(null));
          if (n.path("replace").asBoolean()) {
            o.replacing = true;
            replaceRequests.put(
                n.path("venue").asText(),
                new String[] {n.path("qty").asText(null), n.path("price").asText(null)});
          }
        }
      }
      case "current" -> {
        final Order o = byOrderId.get(orderId);
        if (o != null) {
          o.venueClOrdId = n.path("venue").asText();
          o.clientClOrdId = n.path("client").asText(null);
          final String[] asked = replaceRequests.remove(o.venueClOrdId);
          if (asked != null) {
            o.replacing = false;
            if (asked[0] != null) {
              o.quantity = new BigDecimal(asked[0]);
            }
            if (asked[1] != null) {
              o.price = asked[1];
            }
          }
        }
      }
      case "refused" -> {
        final Order o = byOrderId.get(orderId);
        if (o != null && replaceRequests.remove(n.path("venue").asText()) != null) {
          o.replacing = false;
        }
      }
      case "filled" -> {
        final Order o = byOrderId.get(orderId);
        if (o != null) {
          o.cumQty = new BigDecimal(n.path("cumQty").asText());
        }
      }
      case "closed" -> {
        final Order o = byOrderId.get(orderId);
        if (o != null) {
          o.open = false;
          o.replacing = false;
        }
      }
      default -> throw new IllegalStateException("unknown line in orders.jsonl: " + n);
    }
  }

  private void index(Order o, String venueId, String clientId) {
    byVenueId.put(venueId, o);
    if (clientId != null) {
      clientIdOfVenueId.put(venueId, clientId);
      if (o.session != null) {
        byClientId.put(o.session + "|" + clientId, o);
      }
    }
  }

  private void append(ObjectNode n) {
    apply(n);
    try {
      final ByteBuffer bytes =
          ByteBuffer.wrap((JSON.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        file.write(bytes);
      }
      if (force) {
        file.force(false);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the gateway's order file cannot be written", e);
    }
  }

  /** Records a new order forwarded to the venue; {@code session} null for the engine's own. */
  Order add(
      String orderId,
      String session,
      String clientClOrdId,
      String account,
      String symbol,
      char side,
      String quantity,
      String price) {
    final ObjectNode n = JSON.createObjectNode();
    n.put("k", "order");
    n.put("orderId", orderId);
    n.put("session", session);
    n.put("client", clientClOrdId);
    n.put("account", account);
    n.put("symbol", symbol);
    n.put("side", String.valueOf(side));
    n.put("qty", quantity);
    n.put("price", price);
    append(n);
    return byOrderId.get(orderId);
  }

  /** A new ClOrdID at the venue for a cancel of {@code o}, mapped to the client's. */
  String request(Order o, String clientClOrdId) {
    return request(o, clientClOrdId, false, null, null);
  }

  /**
   * A new ClOrdID at the venue for a replace of {@code o} to {@code quantity} (OrderQty, null to
   * keep it) and {@code price} (null to keep it), mapped to the client's; the order is {@link
   * Order#replacing} until the venue replaces it ({@link #replaced}) or refuses ({@link #refused}).
   */
  String replaceRequest(Order o, String clientClOrdId, String quantity, String price) {
    return request(o, clientClOrdId, true, quantity, price);
  }

  private String request(
      Order o, String clientClOrdId, boolean replace, String quantity, String price) {
    final int next = o.requests + 1;
    final String venueId = o.orderId + "." + next;
    final ObjectNode n = JSON.createObjectNode();
    n.put("k", "request");
    n.put("orderId", o.orderId);
    n.put("n", next);
    n.put("venue", venueId);
    n.put("client", clientClOrdId);
    if (replace) {
      n.put("replace", true);
      n.put("qty", quantity);
      n.put("price", price);
    }
    append(n);
    return venueId;
  }

  /**
   * The venue refused the replace request {@code venueId} of {@code o}: the order stays as the
   * venue held it. True when that request was a pending replace (false for a cancel's, or a second
   * answer to the same request).
   */
  boolean refused(Order o, String venueId) {
    if (!replaceRequests.containsKey(venueId)) {
      return false;
    }
    final ObjectNode n = JSON.createObjectNode();
    n.put("k", "refused");
    n.put("orderId", o.orderId);
    n.put("venue", venueId);
    append(n);
    return true;
  }

  /** The venue replaced {@code o}: its ClOrdIDs are now {@code venueId} and its client's. */
  void replaced(Order o, String venueId) {
    final ObjectNode n = JSON.createObjectNode();
    n.put("k", "current");
    n.put("orderId", o.orderId);
    n.put("venue", venueId);
    n.put("client", clientIdOfVenueId.getOrDefault(venueId, o.clientClOrdId));
    append(n);
  }

  /** The venue filled {@code o} up to {@code cumQty}. */
  void filled(Order o, BigDecimal cumQty) {
    final ObjectNode n = JSON.createObjectNode();
    n.put("k", "filled");
    n.put("orderId", o.orderId);
    n.put("cumQty", cumQty.toPlainString());
    append(n);
  }

  /** {@code o} is done at the venue (filled, cancelled, rejected, expired). */
  void closed(Order o) {
    if (!o.open) {
      return;
    }
    final ObjectNode n = JSON.createObjectNode();
    n.put("k", "closed");
    n.put("orderId", o.orderId);
    append(n);
  }

  Order byOrderId(String orderId) {
    return byOrderId.get(orderId);
  }

  Order byVenueId(String venueClOrdId) {
    return byVenueId.get(venueClOrdId);
  }

  /** The client's ClOrdID that a ClOrdID at the venue stands for, or null. */
  String clientId(String venueClOrdId) {
    return clientIdOfVenueId.get(venueClOrdId);
  }

  Order byClientId(String session, String clientClOrdId) {
    return byClientId.get(session + "|" + clientClOrdId);
  }

  /** The open orders of {@code session} (null: the engine's own). */
  List<Order> open(String session) {
    final List<Order> list = new ArrayList<>();
    for (Order o : byOrderId.values()) {
      if (o.open && java.util.Objects.equals(o.session, session)) {
        list.add(o);
      }
    }
    return list;
  }

  /** Every open order. */
  List<Order> open() {
    return byOrderId.values().stream().filter(o -> o.open).toList();
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
