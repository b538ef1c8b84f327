package io.riskgate.server.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.riskgate.server.cluster.LocalKafka;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fail-over with real processes: three Kafka brokers, a leader and two standbys, each a child JVM
 * ({@code RiskgateServer --node-id}); a client sends orders to whichever node leads, retrying the
 * same request (same ids) on another node when one does not answer. One broker is killed under load
 * first: the leader keeps answering. Then, in each round, the leader is SIGKILLed or (every other
 * round) frozen with SIGSTOP at a random moment, and after each round: a standby leads within 5 s;
 * the frozen leader, once thawed, is fenced and answers writes 503; every acknowledged order
 * answers the same again (it is in the state, and was applied once); every node's state hash is
 * equal at the same sequence. {@code -Driskgate.failover.rounds} (2 by default, 20 under {@code
 * -Pfailover}).
 */
class KafkaFailoverTest {
  private static final Instant START = Instant.parse("2026-12-03T09:00:00Z");
  private static final int ROUNDS = Integer.getInteger("riskgate.failover.rounds", 2);

  @TempDir Path dir;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
  private final Map<String, Node> nodes = new LinkedHashMap<>();

  /** A node of the group: its child JVM and its port. */
  private final class Node {
    final String id;
    final int port;
    Process process;

    Node(String id, int port) {
      this.id = id;
      this.port = port;
    }

    String url() {
      return "http://127.0.0.1:" + port;
    }

    void start(Path config) throws Exception {
      final Path data = dir.resolve(id);
      process =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx256m",
                  "-XX:+UseSerialGC",
                  "-cp",
                  System.getProperty("java.class.path"),
                  "io.riskgate.server.RiskgateServer",
                  "--config",
                  config.toString(),
                  "--port",
                  Integer.toString(port),
                  "--data",
                  data.toString(),
                  "--node-id",
                  id)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(id + ".log").toFile()))
              .start();
      final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (get(this, "/health/ready") == null || get(this, "/health/ready").statusCode() != 200) {
        assertTrue(process.isAlive(), id + " exited: " + log());
        assertTrue(System.nanoTime() < deadline, id + " not ready in 60 s: " + log());
        Thread.sleep(100);
      }
    }

    /** The lines of its log about leadership: take-overs, fencing, starting over. */
    List<String> leadership() {
      try {
        return Files.readAllLines(dir.resolve(id + ".log")).stream()
            .filter(
                l ->
                    l.contains("takes over")
                        || l.contains("is the leader of")
                        || l.contains("fenced")
                        || l.contains("could not")
                        || l.contains("started over"))
            .toList();
      } catch (IOException e) {
        return List.of(e.toString());
      }
    }

    String log() {
      try {
        final String text = Files.readString(dir.resolve(id + ".log"));
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
      } catch (IOException e) {
        return e.toString();
      }
    }

    void signal(String name) throws Exception {
      new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
          .inheritIO()
          .start()
          .waitFor();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private HttpResponse<String> get(Node node, String path) {
    return exchange(
        HttpRequest.newBuilder(URI.create(node.url() + path))
            .timeout(Duration.ofSeconds(2))
            .header("Authorization", "Bearer " + TestServer.VIEWER)
            .GET()
            .build());
  }

  private HttpResponse<String> post(String url, String path, String body) {
    return exchange(
        HttpRequest.newBuilder(URI.create(url + path))
            .timeout(Duration.ofSeconds(2))
            .header("Authorization", "Bearer " + TestServer.TRADER)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  /** The response, or null when the node did not answer. */
  private HttpResponse<String> exchange(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** The node that says it leads, or null. */
  private Node leader() {
    return leader(null);
  }

  /** The node other than {@code not} (frozen, say: it would not answer) that says it leads. */
  private Node leader(Node not) {
    for (Node n : nodes.values()) {
      if (n == not || n.process == null || !n.process.isAlive()) {
        continue;
      }
      final HttpResponse<String> r = get(n, "/v1/cluster/node");
      if (r != null
          && r.statusCode() == 200
          && TestServer.json(r).get("role").asText().equals("leader")) {
        return n;
      }
    }
    return null;
  }

  private Node awaitLeader(Node not, long withinMillis) throws InterruptedException {
    final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(withinMillis);
    while (System.nanoTime() < deadline) {
      final Node l = leader(not);
      if (l != null) {
        return l;
      }
      Thread.sleep(20);
    }
    return null;
  }

  /** Orders sent in sequence, each retried (same body) on whichever node leads until answered. */
  private final class Load implements Runnable {
    final Map<String, String> acknowledged = new LinkedHashMap<>();
    final AtomicBoolean stop = new AtomicBoolean();
    final Random random;
    volatile String target;
    int next;

    Load(long seed, int first) {
      random = new Random(seed);
      next = first;
    }

    String body(int i) {
      return ("{\"ts\":\"%s\",\"orderId\":\"k%d\",\"account\":\"A1\",\"strategy\":\"S1\","
              + "\"symbol\":\"BTC-USD\",\"side\":\"%s\",\"quantity\":\"0.001\",\"price\":\"43000\"}")
          .formatted(START.plusMillis(i * 10L), i, i % 2 == 0 ? "buy" : "sell");
    }

    @Override
    public void run() {
      while (!stop.get()) {
        final String body = body(next);
        while (true) {
          final String url = target;
          final HttpResponse<String> r = url == null ? null : post(url, "/v1/orders/check", body);
          if (r != null && r.statusCode() == 200) {
            synchronized (acknowledged) {
              acknowledged.put("k" + next, r.body());
            }
            break;
          }
          if (r != null && r.statusCode() != 503) {
            throw new AssertionError("order k" + next + " answered " + r.statusCode() + r.body());
          }
          final Node l = leader();
          target = l == null ? null : l.url();
          try {
            Thread.sleep(r == null && l == null ? 50 : 5);
          } catch (InterruptedException e) {
            return;
          }
        }
        next++;
        if (random.nextInt(4) == 0) {
          try {
            Thread.sleep(random.nextInt(3));
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }

    int count() {
      synchronized (acknowledged) {
        return acknowledged.size();
      }
    }
  }

  @Test
  void aStandbyTakesOverAndNothingAcknowledgedIsLost() throws Exception {
    try (LocalKafka kafka = LocalKafka.start(3, dir.resolve("brokers"))) {
      for (String id : List.of("n1", "n2", "n3")) {
        nodes.put(id, new Node(id, freePort()));
      }
      final StringBuilder cluster = new StringBuilder("cluster: {nodes: {");
      for (Node n : nodes.values()) {
        cluster.append(n.id).append(": {leaderUrl: \"").append(n.url()).append("\"}, ");
      }
      cluster.setLength(cluster.length() - 2);
      cluster.append("}}\n");
      final String yaml =
          KafkaJournalRestartTest.onKafka(
                      kafka.bootstrapServers(),
                      "failover",
                      ", replicationFactor: 3, minInsyncReplicas: 2")
                  .apply(TestServer.configYaml(dir.resolve("unused"), 4096))
                  .replace(
                      "heartbeatMillis: 50, failoverMillis: 400",
                      "heartbeatMillis: 200, failoverMillis: 2000")
              + cluster;
      final Path config = dir.resolve("riskgate.yaml");
      // Each node keeps its own audit trail (in its data directory).
      Files.writeString(config, yaml.replace("audit: {kind: none}", "audit: {kind: sqlite}"));
      nodes.get("n1").start(config);
      Node leader = awaitLeader(null, 30_000);
      assertEquals("n1", leader == null ? null : leader.id, "the first node leads an empty group");
      nodes.get("n2").start(config);
      nodes.get("n3").start(config);
      final HttpResponse<String> price =
          post(
              leader.url(),
              "/v1/prices",
              "{\"ts\":\"2026-12-03T08:59:59Z\",\"symbol\":\"BTC-USD\",\"bid\":\"42999\",\"ask\":\"43001\"}");
      assertEquals(200, price.statusCode(), price.body());

      final Load load = new Load(20261203L, 0);
      load.target = leader.url();
      final Thread client = new Thread(load, "failover-load");
      client.start();
      final LagSampler lag = new LagSampler();
      final Thread sampler = new Thread(lag, "failover-lag");
      sampler.setDaemon(true);
      sampler.start();
      // A broker killed out of three: the leader keeps answering, nothing is lost.
      Thread.sleep(500);
      final int spare = spareBroker(kafka.bootstrapServers());
      kafka.broker(spare).kill();
      final int beforeBroker = load.count();
      final long brokerDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (load.count() < beforeBroker + 50) {
        assertTrue(System.nanoTime() < brokerDeadline, "the leader stopped with a broker down");
        Thread.sleep(20);
      }
      // While the brokers fence the dead one and shrink the in-sync replicas, commits can stall
      // for longer than failoverMillis: a standby may then take over. Either way the group goes
      // on answering and loses nothing (checked at the end).
      final Node still = awaitLeader(null, 10_000);
      assertTrue(still != null, "no leader with a broker down");
      System.out.println(
          "KafkaFailoverTest: with a broker down, "
              + (still == leader
                  ? "the leader " + leader.id + " kept leading"
                  : still.id + " leads"));
      leader = still;
      kafka.broker(spare).launch();

      final Random random = new Random(20261203L);
      final List<Long> failoverMillis = new ArrayList<>();
      final List<Long> killMillis = new ArrayList<>();
      final List<Long> stopMillis = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        final boolean freeze = round % 2 == 1;
        Thread.sleep(300 + random.nextInt(700));
        final int ackedBefore = load.count();
        final long t0 = System.nanoTime();
        if (freeze) {
          leader.signal("STOP");
        } else {
          leader.process.destroyForcibly();
          leader.process.waitFor(10, TimeUnit.SECONDS);
        }
        final Node next = awaitLeader(leader, 5_000);
        assertTrue(next != null, "no standby took over within 5 s in round " + round);
        final long took = (System.nanoTime() - t0) / 1_000_000;
        failoverMillis.add(took);
        (freeze ? stopMillis : killMillis).add(took);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (load.count() < ackedBefore + 20) {
          assertTrue(System.nanoTime() < deadline, "the new leader does not answer");
          Thread.sleep(20);
        }
        if (freeze) {
          leader.signal("CONT");
          // The zombie's next write is fenced: it answers writes 503 and starts over as a standby.
          final HttpResponse<String> write = awaitStatus(leader, 503, load.body(1_000_000 + round));
          assertTrue(write.body().contains("standby"), write.body());
          awaitState(leader, "standby");
        } else {
          leader.start(config);
        }
        System.out.println(
            "KafkaFailoverTest round "
                + round
                + ": "
                + (freeze ? "SIGSTOP" : "SIGKILL")
                + " "
                + leader.id
                + ", "
                + next.id
                + " leads after "
                + took
                + " ms");
        leader = next;
      }
      load.stop.set(true);
      lag.stop.set(true);
      client.join(30_000);
      assertTrue(!client.isAlive());
      check(leader, load);
      failoverMillis.sort(null);
      System.out.println(
          "KafkaFailoverTest: "
              + ROUNDS
              + " rounds, "
              + load.count()
              + " orders acknowledged, fail-over ms p50 "
              + failoverMillis.get(failoverMillis.size() / 2)
              + " max "
              + failoverMillis.get(failoverMillis.size() - 1)
              + " (SIGKILL rounds: "
              + p50AndMax(killMillis)
              + "; SIGSTOP rounds: "
              + p50AndMax(stopMillis)
              + "); standby lag under load: "
              + lag.summary());
    } finally {
      for (Node n : nodes.values()) {
        for (String line : n.leadership()) {
          System.out.println("KafkaFailoverTest " + n.id + ": " + line);
        }
      }
      for (Node n : nodes.values()) {
        if (n.process != null) {
          n.signal("CONT");
          n.process.destroyForcibly();
        }
      }
    }
  }

  /**
   * A broker (0-based) that is neither the journal partition's leader nor the transaction
   * coordinator of the group's producer: one of the in-sync followers.
   */
  private static int spareBroker(String bootstrap) throws Exception {
    final java.util.Properties p = new java.util.Properties();
    p.put("bootstrap.servers", bootstrap);
    try (org.apache.kafka.clients.admin.Admin admin =
        org.apache.kafka.clients.admin.Admin.create(p)) {
      final int leader =
          admin
              .describeTopics(List.of("failover"))
              .allTopicNames()
              .get()
              .get("failover")
              .partitions()
              .get(0)
              .leader()
              .id();
      final int coordinator =
          admin
              .describeTransactions(List.of("riskgate-failover-0"))
              .description("riskgate-failover-0")
              .get()
              .coordinatorId();
      for (int id = 1; id <= 3; id++) {
        if (id != leader && id != coordinator) {
          return id - 1;
        }
      }
      return leader % 3; // leader and coordinator are one broker: any other one
    }
  }

  /** A write that {@code node} answers {@code status}, waiting up to 20 s for it. */
  private HttpResponse<String> awaitStatus(Node node, int status, String order) throws Exception {
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      final HttpResponse<String> r = post(node.url(), "/v1/orders/check", order);
      if (r != null && r.statusCode() == status) {
        return r;
      }
      assertTrue(r == null || r.statusCode() != 200, "the fenced leader accepted a write");
      assertTrue(System.nanoTime() < deadline, node.id + " did not answer " + status);
      Thread.sleep(50);
    }
  }

  private void awaitState(Node node, String state) throws Exception {
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      final HttpResponse<String> r = get(node, "/v1/cluster/node");
      if (r != null
          && r.statusCode() == 200
          && TestServer.json(r).get("state").asText().equals(state)) {
        return;
      }
      assertTrue(System.nanoTime() < deadline, node.id + " is not " + state + ": " + node.log());
      Thread.sleep(50);
    }
  }

  /**
   * Every acknowledged order answers the same when sent again (applied once, kept), and every node
   * has the same state hash at the same sequence.
   */
  private void check(Node leader, Load load) throws Exception {
    int again = 0;
    for (Map.Entry<String, String> acked : load.acknowledged.entrySet()) {
      final int i = Integer.parseInt(acked.getKey().substring(1));
      final HttpResponse<String> r = post(leader.url(), "/v1/orders/check", load.body(i));
      assertEquals(200, r.statusCode(), r.body());
      assertEquals("true", r.headers().firstValue("Idempotent-Replay").orElse(null), r.body());
      assertEquals(acked.getValue(), r.body(), "order " + acked.getKey());
      again++;
    }
    assertTrue(again > 0);
    final JsonNode view = TestServer.json(get(leader, "/v1/cluster/node"));
    final long sequence = view.get("sequence").asLong();
    String hash = null;
    for (Node n : nodes.values()) {
      final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (true) {
        final HttpResponse<String> c = get(n, "/v1/cluster/node");
        if (c != null
            && c.statusCode() == 200
            && TestServer.json(c).get("sequence").asLong() == sequence) {
          break;
        }
        assertTrue(System.nanoTime() < deadline, n.id + " did not reach " + sequence);
        Thread.sleep(50);
      }
      // The report is read from the node's read replica, which follows its engine closely.
      String h = null;
      while (true) {
        final HttpResponse<String> report = get(n, "/v1/report");
        assertEquals(200, report.statusCode(), report.body());
        h = TestServer.json(report).get("stateHash").asText();
        if (hash == null || hash.equals(h) || System.nanoTime() > deadline) {
          break;
        }
        Thread.sleep(50);
      }
      if (hash == null) {
        hash = h;
      }
      assertEquals(hash, h, n.id + " has another state at sequence " + sequence);
    }
    // The leader's view of the group: every node answers, one leads, all at the same sequence.
    final JsonNode group = TestServer.json(get(leader, "/v1/cluster"));
    assertEquals(nodes.size(), group.get("nodes").size(), group.toString());
    int leaders = 0;
    for (JsonNode n : group.get("nodes")) {
      assertTrue(n.get("reachable").asBoolean(), group.toString());
      assertEquals(sequence, n.get("sequence").asLong(), group.toString());
      leaders += n.get("role").asText().equals("leader") ? 1 : 0;
    }
    assertEquals(1, leaders, group.toString());
    assertEquals(leader.id, group.get("leader").asText(), group.toString());
    // Every node's own audit trail (kept through kills, fencing and restarts, completed from the
    // log) answers the same for the acknowledged orders.
    for (Node n : nodes.values()) {
      final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (auditWritten(n) < sequence) {
        assertTrue(System.nanoTime() < deadline, n.id + "'s audit trail is behind: " + n.log());
        Thread.sleep(100);
      }
    }
    final List<String> ids = new ArrayList<>(load.acknowledged.keySet());
    final Random pick = new Random(7);
    for (int i = 0; i < 25 && !ids.isEmpty(); i++) {
      final String id = ids.get(pick.nextInt(ids.size()));
      String first = null;
      for (Node n : nodes.values()) {
        final HttpResponse<String> d = get(n, "/v1/decisions?orderId=" + id);
        assertEquals(200, d.statusCode(), d.body());
        assertEquals(1, TestServer.json(d).get("decisions").size(), n.id + ": " + d.body());
        if (first == null) {
          first = d.body();
        }
        assertEquals(first, d.body(), n.id + "'s audit trail differs for " + id);
      }
    }
  }

  private static String p50AndMax(List<Long> millis) {
    if (millis.isEmpty()) {
      return "none";
    }
    final List<Long> sorted = new ArrayList<>(millis);
    sorted.sort(null);
    return sorted.size()
        + " rounds, p50 "
        + sorted.get(sorted.size() / 2)
        + " ms, max "
        + sorted.get(sorted.size() - 1)
        + " ms, all "
        + millis;
  }

  /** The last journal sequence {@code node}'s audit trail wrote, from its metrics. */
  private long auditWritten(Node node) {
    final HttpResponse<String> m = get(node, "/metrics");
    if (m == null || m.statusCode() != 200) {
      return -1;
    }
    for (String line : m.body().split("\n")) {
      if (line.startsWith("riskgate_audit_written_sequence ")) {
        return (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim());
      }
    }
    return -1;
  }

  /** Samples the standbys' lag (offsets behind the log's end) while the load runs. */
  private final class LagSampler implements Runnable {
    final List<Long> lags = new ArrayList<>();
    final AtomicBoolean stop = new AtomicBoolean();

    @Override
    public void run() {
      while (!stop.get()) {
        for (Node n : nodes.values()) {
          if (n.process == null || !n.process.isAlive()) {
            continue;
          }
          final HttpResponse<String> r = get(n, "/v1/cluster/node");
          if (r == null || r.statusCode() != 200) {
            continue;
          }
          final JsonNode self = TestServer.json(r);
          if (self.get("state").asText().equals("standby") && self.get("lag").isNumber()) {
            synchronized (lags) {
              lags.add(self.get("lag").asLong());
            }
          }
        }
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    String summary() {
      synchronized (lags) {
        if (lags.isEmpty()) {
          return "no samples";
        }
        final List<Long> sorted = new ArrayList<>(lags);
        sorted.sort(null);
        double sum = 0;
        for (long l : sorted) {
          sum += l;
        }
        return String.format(
            java.util.Locale.ROOT,
            "%d samples, mean %.1f, p50 %d, p99 %d, max %d offsets",
            sorted.size(),
            sum / sorted.size(),
            sorted.get(sorted.size() / 2),
            sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * 0.99))),
            sorted.get(sorted.size() - 1));
      }
    }
  }
}
