package io.riskgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.riskgate.core.event.Event;
import io.riskgate.server.RiskgateServer;
import io.riskgate.server.audit.AuditStore;
import io.riskgate.server.auth.Caller;
import io.riskgate.server.auth.Role;
import io.riskgate.server.codec.EventCodec;
import io.riskgate.server.config.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {
  @TempDir Path dir;

  private Path config(String audit) throws Exception {
    final Path file = dir.resolve("riskgate.yaml");
    Files.writeString(
        file,
        """
        server: {host: 127.0.0.1, port: 0}
        journal: {dir: "%s"}
        engine: {timerMillis: 0}
        audit: %s
        tokens:
          - {name: screen, role: viewer, sha256: "%s"}
        """
            .formatted(dir.resolve("data"), audit, "0".repeat(64)));
    return file;
  }

  @Test
  void rebuildGivesTheRowsTheLiveServerWrote() throws Exception {
    final Path file = config("{kind: sqlite}");
    final ServerConfig config = RiskgateServer.configure(file, null, null);
    final List<String> live;
    final ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (RiskgateServer server =
        RiskgateServer.start(config, new PrintStream(log, true, StandardCharsets.UTF_8))) {
      final Caller caller = new Caller("replay", Role.RISK, Set.of(), false);
      final ObjectMapper json = new ObjectMapper();
      long last = 0;
      for (String line :
          Files.readAllLines(Path.of("..", "examples", "01-pre-trade-checks.jsonl"))) {
        final JsonNode node = json.readTree(line);
        final Event event = EventCodec.parse(node);
        last =
            Math.max(
                last,
                server
                    .runtime()
                    .submit(caller, List.of(node), List.of(event))
                    .get(10, TimeUnit.SECONDS)
                    .lastSequence());
      }
      assertTrue(server.audit().awaitWritten(last, 20, TimeUnit.SECONDS), log.toString());
      live = server.audit().store().dump();
      final CommandRun running = CommandRun.of("audit", "rebuild", "--config", file.toString());
      assertEquals(1, running.exitCode(), running.out());
      assertTrue(
          running.err().contains("stop it first") || running.err().contains("open in this process"),
          running.err());
    }
    final CommandRun run = CommandRun.of("audit", "rebuild", "--config", file.toString());
    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().contains("10 decisions"), run.out());
    try (AuditStore store =
        AuditStore.open(config.audit(), config.dataDirectory(), System::getenv)) {
      assertEquals(live, store.dump());
    }
  }

  @Test
  void aBadConfigurationOrNoStoreIsRefusedClearly() throws Exception {
    final CommandRun bad =
        CommandRun.of("audit", "rebuild", "--config", config("{kind: oracle}").toString());
    assertEquals(2, bad.exitCode());
    assertTrue(bad.err().contains("audit.kind"), bad.err());
    final CommandRun none =
        CommandRun.of("audit", "rebuild", "--config", config("{kind: none}").toString());
    assertEquals(1, none.exitCode());
    assertTrue(none.err().contains("no store"), none.err());
    final CommandRun noJournal =
        CommandRun.of("audit", "rebuild", "--config", config("{kind: sqlite}").toString());
    assertEquals(1, noJournal.exitCode());
    assertTrue(noJournal.err().contains("no journal"), noJournal.err());
  }
}
