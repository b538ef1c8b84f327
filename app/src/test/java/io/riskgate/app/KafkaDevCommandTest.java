package io.riskgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code riskgate kafka-dev} in a child JVM: a real broker answers on the port given, keeps its
 * topics across a restart in the same directory, and stops with the command.
 */
class KafkaDevCommandTest {
  @TempDir Path dir;

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private Process start(int port) throws Exception {
    final Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "io.riskgate.app.Main",
                "kafka-dev",
                "--port",
                Integer.toString(port),
                "--dir",
                dir.resolve("kafka").toString())
            .redirectErrorStream(true)
            .start();
    final BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    final StringBuilder seen = new StringBuilder();
    for (String line; (line = out.readLine()) != null; ) {
      seen.append(line).append('\n');
      if (line.startsWith("kafka listening on 127.0.0.1:" + port)) {
        final Thread drain =
            new Thread(
                () -> {
                  try {
                    while (out.readLine() != null) {}
                  } catch (java.io.IOException e) {
                    // the process ended
                  }
                });
        drain.setDaemon(true);
        drain.start();
        return p;
      }
    }
    throw new AssertionError("kafka-dev ended without listening:\n" + seen);
  }

  private static Set<String> topics(int port) throws Exception {
    final Properties props = new Properties();
    props.put("bootstrap.servers", "127.0.0.1:" + port);
    try (Admin admin = Admin.create(props)) {
      return admin.listTopics().names().get(30, TimeUnit.SECONDS);
    }
  }

  private static void stop(Process p, int port) throws Exception {
    p.destroy();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "kafka-dev did not stop");
    final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        assertTrue(
            !s.isConnected() || System.nanoTime() < deadline, "the broker outlived kafka-dev");
        Thread.sleep(100);
      } catch (java.io.IOException closed) {
        return;
      }
    }
  }

  @Test
  void startsABrokerThatKeepsItsTopicsAcrossARestart() throws Exception {
    final int port = freePort();
    Process p = start(port);
    try {
      final Properties props = new Properties();
      props.put("bootstrap.servers", "127.0.0.1:" + port);
      try (Admin admin = Admin.create(props)) {
        admin
            .createTopics(List.of(new NewTopic("riskgate-journal", 1, (short) 1)))
            .all()
            .get(30, TimeUnit.SECONDS);
      }
      assertTrue(topics(port).contains("riskgate-journal"));
    } finally {
      stop(p, port);
    }
    assertTrue(Files.exists(dir.resolve("kafka").resolve("cluster.id")));
    p = start(port);
    try {
      assertEquals(true, topics(port).contains("riskgate-journal"), "topics kept in --dir");
    } finally {
      stop(p, port);
    }
  }
}
