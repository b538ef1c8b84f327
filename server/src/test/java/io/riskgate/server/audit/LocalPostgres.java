package io.riskgate.server.audit;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server from Debian's packages ({@code /usr/lib/postgresql/N/bin}) for the
 * audit tests: a new cluster in a temporary directory (trust authentication, fsync off), listening
 * on a free loopback port only, stopped and deleted at close. PostgreSQL refuses to run as root, so
 * as root the cluster belongs to the {@code postgres} user and its programs run through {@code
 * runuser}. Anything that goes wrong is an {@link IllegalStateException} with the programs' output:
 * the tests that need it fail, they are never skipped.
 */
final class LocalPostgres implements AutoCloseable {
  static final String USER = "riskgate";

  private final Path bin;
  private final Path directory;
  private final boolean asPostgres;
  final int port;

  private LocalPostgres(Path bin, Path directory, boolean asPostgres, int port) {
    this.bin = bin;
    this.directory = directory;
    this.asPostgres = asPostgres;
    this.port = port;
  }

  static LocalPostgres start() throws IOException, InterruptedException {
    final Path bin = binaries();
    final boolean root = "root".equals(System.getProperty("user.name"));
    final Path directory = Files.createTempDirectory("riskgate-postgres");
    if (root) {
      run(List.of("chown", "postgres", directory.toString()), "chown the cluster's directory");
    }
    final int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    final LocalPostgres pg = new LocalPostgres(bin, directory, root, port);
    pg.program(
        "initdb",
        List.of(
            "-D",
            directory.resolve("data").toString(),
            "-U",
            USER,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-sync"));
    pg.program(
        "pg_ctl",
        List.of(
            "-D",
            directory.resolve("data").toString(),
            "-l",
            directory.resolve("server.log").toString(),
            "-w",
            "-t",
            "60",
            "-o",
            "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1 -c fsync=off",
            "start"));
    return pg;
  }

  private static Path binaries() throws IOException {
    final Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      throw new IllegalStateException(
          "PostgreSQL is not installed (no /usr/lib/postgresql): apt-get install postgresql");
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(b -> Files.isExecutable(b.resolve("initdb")))
          .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())))
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "no initdb under /usr/lib/postgresql/*/bin: apt-get install postgresql"));
    }
  }

  /** A new, empty database; answers its JDBC url. */
  String createDatabase(String name) throws SQLException {
    try (Connection c = DriverManager.getConnection(url("postgres"), USER, null);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return url(name);
  }

  String url(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  private void program(String name, List<String> args) throws IOException, InterruptedException {
    final List<String> command = new ArrayList<>();
    if (asPostgres) {
      command.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    command.add(bin.resolve(name).toString());
    command.addAll(args);
    run(command, name);
  }

  private static void run(List<String> command, String what)
      throws IOException, InterruptedException {
    final Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    final byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException(
          "PostgreSQL for the audit tests: "
              + what
              + " failed ("
              + String.join(" ", command)
              + "):\n"
              + new String(out, StandardCharsets.UTF_8));
    }
  }

  @Override
  public void close() throws IOException {
    try {
      program(
          "pg_ctl",
          List.of("-D", directory.resolve("data").toString(), "-m", "fast", "-w", "stop"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try (Stream<Path> files = Files.walk(directory)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }
}
