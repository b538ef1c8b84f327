package io.riskgate.server.audit;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Where the decision audit trail is kept: an embedded SQLite file in the data directory (the
 * default), a PostgreSQL database, or nowhere.
 *
 * <pre>
 * audit: {kind: sqlite, file: audit.sqlite}          # relative to the data directory
 * audit: {kind: postgresql, url: "jdbc:postgresql://127.0.0.1:5432/riskgate", user: riskgate,
 *         passwordEnv: RISKGATE_AUDIT_PASSWORD}      # the password is read from that variable
 * audit: {kind: none}
 * audit: {kind: sqlite, queueRecords: 50000}         # records waiting for the store, at most
 * </pre>
 *
 * The password is never in the file: {@code passwordEnv} names the environment variable that holds
 * it (none: connect without one, e.g. with {@code trust} or peer authentication).
 *
 * @param kind the store
 * @param file the SQLite file, relative to the data directory unless absolute; null for others
 * @param url the PostgreSQL JDBC url; null for others
 * @param user the PostgreSQL user; null for others
 * @param passwordEnv the environment variable holding the PostgreSQL password, or null
 * @param queueRecords how many records may wait for a slow store in memory; past that the writer
 *     drops them from its queue and completes them from the journal (see {@link AuditWriter})
 */
public record AuditSettings(
    Kind kind, Path file, String url, String user, String passwordEnv, int queueRecords) {

  /** The default SQLite file in the data directory. */
  public static final Path DEFAULT_FILE = Path.of("audit.sqlite");

  /** The default bound of the writer's queue, in records (about 1 KB each). */
  public static final int DEFAULT_QUEUE_RECORDS = 50_000;

  /** The kinds of store. */
  public enum Kind {
    SQLITE,
    POSTGRESQL,
    NONE;

    /** The name in the configuration file. */
    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The kind named {@code name} in the configuration file. */
    public static Kind fromConfigName(String name) {
      for (Kind kind : values()) {
        if (kind.configName().equals(name)) {
          return kind;
        }
      }
      throw new IllegalArgumentException(
          "unknown kind \"" + name + "\"; known: sqlite, postgresql, none");
    }
  }

  /** Settings with the default queue bound. */
  public AuditSettings(Kind kind, Path file, String url, String user, String passwordEnv) {
    this(kind, file, url, user, passwordEnv, DEFAULT_QUEUE_RECORDS);
  }

  public AuditSettings {
    Objects.requireNonNull(kind, "kind");
    if (queueRecords < 1) {
      throw new IllegalArgumentException("queueRecords: expected at least 1, got " + queueRecords);
    }
    switch (kind) {
      case SQLITE -> {
        file = file == null ? DEFAULT_FILE : file;
        if (url != null || user != null || passwordEnv != null) {
          throw new IllegalArgumentException("url, user and passwordEnv are for kind postgresql");
        }
      }
      case POSTGRESQL -> {
        if (url == null || !url.startsWith("jdbc:postgresql://")) {
          throw new IllegalArgumentException(
              "url: expected jdbc:postgresql://host:port/database, got " + url);
        }
        if (user == null || user.isBlank()) {
          throw new IllegalArgumentException("user: the PostgreSQL user is required");
        }
        if (file != null) {
          throw new IllegalArgumentException("file is for kind sqlite");
        }
      }
      case NONE -> {
        if (file != null || url != null || user != null || passwordEnv != null) {
          throw new IllegalArgumentException("kind none takes no other key");
        }
      }
    }
  }

  /** The embedded default: {@code audit.sqlite} in the data directory. */
  public static AuditSettings sqlite() {
    return new AuditSettings(Kind.SQLITE, null, null, null, null);
  }

  /** A SQLite store in {@code file}. */
  public static AuditSettings sqlite(Path file) {
    return new AuditSettings(Kind.SQLITE, file, null, null, null);
  }

  /** A PostgreSQL store. */
  public static AuditSettings postgresql(String url, String user, String passwordEnv) {
    return new AuditSettings(Kind.POSTGRESQL, null, url, user, passwordEnv);
  }

  /** No store: decisions are not recorded and {@code GET /v1/decisions} answers 503. */
  public static AuditSettings none() {
    return new AuditSettings(Kind.NONE, null, null, null, null);
  }

  /** The JDBC url, a SQLite file resolved against {@code dataDirectory}. */
  public String jdbcUrl(Path dataDirectory) {
    return switch (kind) {
      case SQLITE -> "jdbc:sqlite:" + dataDirectory.resolve(file).toAbsolutePath();
      case POSTGRESQL -> url;
      case NONE -> throw new IllegalStateException("no audit store is configured");
    };
  }

  /**
   * The password from the environment ({@code env} is {@code System::getenv} outside tests), or
   * null without {@code passwordEnv}.
   *
   * @throws IllegalStateException when the variable named is not set
   */
  public String password(UnaryOperator<String> env) {
    if (passwordEnv == null) {
      return null;
    }
    final String value = env.apply(passwordEnv);
    if (value == null) {
      throw new IllegalStateException(
          "audit.passwordEnv: the environment variable " + passwordEnv + " is not set");
    }
    return value;
  }

  /** Where the store is, for messages (never the password). */
  public String describe(Path dataDirectory) {
    return switch (kind) {
      case SQLITE -> "SQLite " + dataDirectory.resolve(file).toAbsolutePath();
      case POSTGRESQL -> "PostgreSQL " + url + " as " + user;
      case NONE -> "none";
    };
  }
}
