package io.riskgate.server.audit;

import io.riskgate.server.audit.AuditRows.AlertRow;
import io.riskgate.server.audit.AuditRows.CheckRow;
import io.riskgate.server.audit.AuditRows.DecisionRow;
import io.riskgate.server.audit.AuditRows.LedgerRow;
import io.riskgate.server.audit.AuditRows.LimitRow;
import io.riskgate.server.audit.AuditRows.StateRow;
import io.riskgate.server.runtime.LedgerSample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import org.flywaydb.core.Flyway;

/**
 * The audit trail in a SQL database, SQLite or PostgreSQL, through JDBC; the schema is created and
 * migrated by Flyway ({@code io/riskgate/server/audit/migration/<kind>/}), the same tables in both.
 *
 * <p>One connection writes (the {@link AuditWriter}'s thread), another reads (the HTTP routes,
 * serialized); SQLite runs in WAL mode so a read never waits for a write. A write is one
 * transaction holding a batch of rows and the journal sequence they reach ({@code audit_progress}),
 * so the trail is always a prefix of the journal and a restart knows where it stopped. Rows are
 * inserted with {@code ON CONFLICT DO NOTHING}: writing a record twice (the catch-up at start-up
 * meeting a live one) leaves one row.
 */
public final class AuditStore implements AutoCloseable {
  /** A page of decisions and the cursor of the next one (null after the last). */
  public record Page(List<DecisionRow> decisions, String nextCursor) {}

  private static final String[] TABLES = {
    "audit_check",
    "audit_decision",
    "audit_alert",
    "audit_state_change",
    "audit_limit_change",
    "audit_ledger_sample"
  };

  private final AuditSettings settings;
  private final String description;
  private final Connection writer;
  private final Connection reader;
  private final ReentrantLock readLock = new ReentrantLock();

  private AuditStore(
      AuditSettings settings, String description, Connection writer, Connection reader) {
    this.settings = settings;
    this.description = description;
    this.writer = writer;
    this.reader = reader;
  }

  /**
   * Opens (and creates or migrates) the store of {@code settings}, a SQLite file resolved against
   * {@code dataDirectory}.
   *
   * @param env the environment the PostgreSQL password is read from ({@code System::getenv})
   * @throws AuditStoreException naming the store when it cannot be opened or migrated
   */
  public static AuditStore open(
      AuditSettings settings, Path dataDirectory, UnaryOperator<String> env)
      throws AuditStoreException {
    if (settings.kind() == AuditSettings.Kind.NONE) {
      throw new IllegalArgumentException("audit kind none has no store");
    }
    final String url = settings.jdbcUrl(dataDirectory);
    final String description = settings.describe(dataDirectory);
    final Properties properties = new Properties();
    if (settings.kind() == AuditSettings.Kind.POSTGRESQL) {
      properties.setProperty("user", settings.user());
      final String password = settings.password(env);
      if (password != null) {
        properties.setProperty("password", password);
      }
    }
    try {
      if (settings.kind() == AuditSettings.Kind.SQLITE) {
        Files.createDirectories(
            dataDirectory.resolve(settings.file()).toAbsolutePath().getParent());
      }
      final Flyway flyway =
          Flyway.configure(AuditStore.class.getClassLoader())
              .dataSource(url, properties.getProperty("user"), properties.getProperty("password"))
              .locations("classpath:io/riskgate/server/audit/migration/" + kindName(settings))
              .load();
      flyway.migrate();
      final Connection writer = connect(settings, url, properties);
      final Connection reader = connect(settings, url, properties);
      writer.setAutoCommit(false);
      return new AuditStore(settings, description, writer, reader);
    } catch (Exception e) {
      throw new AuditStoreException(
          "the audit store (" + description + ") cannot be opened: " + rootMessage(e), e);
    }
  }

  private static String kindName(AuditSettings settings) {
    return settings.kind().configName();
  }

  private static Connection connect(AuditSettings settings, String url, Properties properties)
      throws SQLException {
    final Connection c = DriverManager.getConnection(url, properties);
    if (settings.kind() == AuditSettings.Kind.SQLITE) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("PRAGMA busy_timeout=10000");
      }
    }
    return c;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + t.getMessage() + ")";
  }

  /** Where the store is (never the password). */
  public String description() {
    return description;
  }

  /** The settings it was opened with. */
  public AuditSettings settings() {
    return settings;
  }

  /** The last journal sequence whose rows are all written (0 for an empty store). */
  public long lastSequence() throws SQLException {
    readLock.lock();
    try (Statement s = reader.createStatement();
        ResultSet r = s.executeQuery("SELECT last_sequence FROM audit_progress WHERE id = 1")) {
      return r.next() ? r.getLong(1) : 0;
    } finally {
      readLock.unlock();
    }
  }

  /** Writes a batch of rows and the sequence they reach, in one transaction. */
  public void write(AuditRows.Batch batch) throws SQLException {
    try {
      insertDecisions(batch.decisions());
      insertAlerts(batch.alerts());
      insertStates(batch.states());
      insertLimits(batch.limits());
      insertLedgers(batch.ledgers());
      try (PreparedStatement p =
          writer.prepareStatement(
              "UPDATE audit_progress SET last_sequence = ? WHERE id = 1 AND last_sequence < ?")) {
        p.setLong(1, batch.lastSequence());
        p.setLong(2, batch.lastSequence());
        p.executeUpdate();
      }
      writer.commit();
    } catch (SQLException | RuntimeException e) {
      try {
        writer.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    }
  }

  /** Deletes every row and sets the progress back to 0 (before a rebuild). */
  public void clear() throws SQLException {
    try (Statement s = writer.createStatement()) {
      for (String table : TABLES) {
        s.executeUpdate("DELETE FROM " + table);
      }
      s.executeUpdate("UPDATE audit_progress SET last_sequence = 0 WHERE id = 1");
      writer.commit();
    } catch (SQLException e) {
      writer.rollback();
      throw e;
    }
  }

  private void insertDecisions(List<DecisionRow> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement d =
            writer.prepareStatement(
                "INSERT INTO audit_decision (sequence, output_index, ts_nanos, ts, order_id,"
                    + " account, strategy, symbol, side, quantity, price, caller, approved,"
                    + " risk_reducing, rejected_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?) ON CONFLICT DO NOTHING");
        PreparedStatement c =
            writer.prepareStatement(
                "INSERT INTO audit_check (sequence, output_index, check_index, code, passed,"
                    + " check_value, limit_value, scope, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?) ON CONFLICT DO NOTHING")) {
      for (DecisionRow row : rows) {
        int i = 1;
        d.setLong(i++, row.sequence());
        d.setInt(i++, row.index());
        d.setLong(i++, row.tsNanos());
        d.setString(i++, row.ts());
        d.setString(i++, row.orderId());
        d.setString(i++, row.account());
        d.setString(i++, row.strategy());
        d.setString(i++, row.symbol());
        d.setString(i++, row.side());
        d.setString(i++, row.quantity());
        d.setString(i++, row.price());
        d.setString(i++, row.caller());
        d.setInt(i++, row.approved() ? 1 : 0);
        d.setInt(i++, row.riskReducing() ? 1 : 0);
        d.setString(i, row.rejectedBy());
        d.addBatch();
        for (CheckRow check : row.checks()) {
          int j = 1;
          c.setLong(j++, row.sequence());
          c.setInt(j++, row.index());
          c.setInt(j++, check.index());
          c.setString(j++, check.code());
          c.setInt(j++, check.passed() ? 1 : 0);
          setDouble(c, j++, check.value());
          setDouble(c, j++, check.limit());
          c.setString(j++, check.scope());
          c.setString(j, check.reason());
          c.addBatch();
        }
      }
      d.executeBatch();
      c.executeBatch();
    }
  }

  private void insertAlerts(List<AlertRow> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement p =
        writer.prepareStatement(
            "INSERT INTO audit_alert (sequence, output_index, ts_nanos, ts, level, code, scope,"
                + " raised, message, alert_value, threshold, action) VALUES (?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      for (AlertRow row : rows) {
        int i = 1;
        p.setLong(i++, row.sequence());
        p.setInt(i++, row.index());
        p.setLong(i++, row.tsNanos());
        p.setString(i++, row.ts());
        p.setString(i++, row.level());
        p.setString(i++, row.code());
        p.setString(i++, row.scope());
        p.setInt(i++, row.raised() ? 1 : 0);
        p.setString(i++, row.message());
        setDouble(p, i++, row.value());
        setDouble(p, i++, row.threshold());
        p.setString(i, row.action());
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  private void insertStates(List<StateRow> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement p =
        writer.prepareStatement(
            "INSERT INTO audit_state_change (sequence, output_index, ts_nanos, ts, scope, kind,"
                + " from_state, to_state, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING")) {
      for (StateRow row : rows) {
        int i = 1;
        p.setLong(i++, row.sequence());
        p.setInt(i++, row.index());
        p.setLong(i++, row.tsNanos());
        p.setString(i++, row.ts());
        p.setString(i++, row.scope());
        p.setString(i++, row.kind());
        p.setString(i++, row.from());
        p.setString(i++, row.to());
        p.setString(i, row.reason());
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  private void insertLimits(List<LimitRow> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement p =
        writer.prepareStatement(
            "INSERT INTO audit_limit_change (sequence, ts_nanos, ts, scope, limits, by_name,"
                + " caller) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      for (LimitRow row : rows) {
        int i = 1;
        p.setLong(i++, row.sequence());
        p.setLong(i++, row.tsNanos());
        p.setString(i++, row.ts());
        p.setString(i++, row.scope());
        p.setString(i++, row.limits());
        p.setString(i++, row.by());
        p.setString(i, row.caller());
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  private void insertLedgers(List<LedgerRow> rows) throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement p =
        writer.prepareStatement(
            "INSERT INTO audit_ledger_sample (sequence, scope, ts_nanos, ts, equity,"
                + " high_water_mark, drawdown, daily_pnl, gross_exposure) VALUES (?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
      for (LedgerRow row : rows) {
        int i = 1;
        p.setLong(i++, row.sequence());
        p.setString(i++, row.scope());
        p.setLong(i++, row.tsNanos());
        p.setString(i++, row.ts());
        p.setString(i++, row.equity());
        p.setString(i++, row.highWaterMark());
        p.setDouble(i++, row.drawdown());
        p.setString(i++, row.dailyPnl());
        p.setString(i, row.grossExposure());
        p.addBatch();
      }
      p.executeBatch();
    }
  }

  private static void setDouble(PreparedStatement p, int index, Double value) throws SQLException {
    if (value == null) {
      p.setNull(index, Types.DOUBLE);
    } else {
      p.setDouble(index, value);
    }
  }

  private static Double getDouble(ResultSet r, String column) throws SQLException {
    final double value = r.getDouble(column);
    return r.wasNull() ? null : value;
  }

  // ---------------------------------------------------------------- queries

  /** The decisions {@code query} selects, in journal order, one page of them. */
  public Page decisions(DecisionQuery query) throws SQLException {
    final StringBuilder sql =
        new StringBuilder(
            "SELECT sequence, output_index, ts_nanos, ts, order_id, account, strategy, symbol,"
                + " side, quantity, price, caller, approved, risk_reducing, rejected_by"
                + " FROM audit_decision d WHERE 1 = 1");
    final List<Object> args = new ArrayList<>();
    if (query.orderId() != null) {
      sql.append(" AND d.order_id = ?");
      args.add(query.orderId());
    }
    if (query.strategy() != null) {
      sql.append(" AND d.strategy = ?");
      args.add(query.strategy());
    }
    if (query.account() != null) {
      sql.append(" AND d.account = ?");
      args.add(query.account());
    }
    if (query.onlyStrategies() != null) {
      if (query.onlyStrategies().isEmpty()) {
        return new Page(List.of(), null);
      }
      sql.append(" AND d.strategy IN (")
          .append(
              String.join(", ", java.util.Collections.nCopies(query.onlyStrategies().size(), "?")))
          .append(')');
      args.addAll(query.onlyStrategies().stream().sorted().toList());
    }
    if (query.approved() != null) {
      sql.append(" AND d.approved = ?");
      args.add(query.approved() ? 1 : 0);
    }
    if (query.fromNanos() != null) {
      sql.append(" AND d.ts_nanos >= ?");
      args.add(query.fromNanos());
    }
    if (query.toNanos() != null) {
      sql.append(" AND d.ts_nanos < ?");
      args.add(query.toNanos());
    }
    if (query.code() != null) {
      sql.append(
          " AND EXISTS (SELECT 1 FROM audit_check c WHERE c.sequence = d.sequence"
              + " AND c.output_index = d.output_index AND c.code = ? AND c.passed = 0)");
      args.add(query.code());
    }
    if (query.after() != null) {
      sql.append(" AND (d.sequence > ? OR (d.sequence = ? AND d.output_index > ?))");
      args.add(query.after().sequence());
      args.add(query.after().sequence());
      args.add(query.after().index());
    }
    sql.append(" ORDER BY d.sequence, d.output_index LIMIT ?");
    args.add(query.limit() + 1);
    readLock.lock();
    try {
      final List<DecisionRow> heads = new ArrayList<>();
      try (PreparedStatement p = reader.prepareStatement(sql.toString())) {
        for (int i = 0; i < args.size(); i++) {
          final Object arg = args.get(i);
          if (arg instanceof Long l) {
            p.setLong(i + 1, l);
          } else if (arg instanceof Integer n) {
            p.setInt(i + 1, n);
          } else {
            p.setString(i + 1, (String) arg);
          }
        }
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            heads.add(decision(r, List.of()));
          }
        }
      }
      final boolean more = heads.size() > query.limit();
      final List<DecisionRow> page = more ? heads.subList(0, query.limit()) : heads;
      final List<DecisionRow> withChecks = withChecks(page);
      final String next =
          more
              ? DecisionQuery.Cursor.of(
                      page.get(page.size() - 1).sequence(), page.get(page.size() - 1).index())
                  .toString()
              : null;
      return new Page(withChecks, next);
    } finally {
      readLock.unlock();
    }
  }

  private List<DecisionRow> withChecks(List<DecisionRow> page) throws SQLException {
    if (page.isEmpty()) {
      return List.of();
    }
    final Map<String, List<CheckRow>> checks = new HashMap<>();
    try (PreparedStatement p =
        reader.prepareStatement(
            "SELECT sequence, output_index, check_index, code, passed, check_value, limit_value,"
                + " scope, reason FROM audit_check WHERE sequence >= ? AND sequence <= ?"
                + " ORDER BY sequence, output_index, check_index")) {
      p.setLong(1, page.get(0).sequence());
      p.setLong(2, page.get(page.size() - 1).sequence());
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          checks
              .computeIfAbsent(r.getLong(1) + ":" + r.getInt(2), k -> new ArrayList<>())
              .add(
                  new CheckRow(
                      r.getInt("check_index"),
                      r.getString("code"),
                      r.getInt("passed") != 0,
                      getDouble(r, "check_value"),
                      getDouble(r, "limit_value"),
                      r.getString("scope"),
                      r.getString("reason")));
        }
      }
    }
    final List<DecisionRow> out = new ArrayList<>(page.size());
    for (DecisionRow d : page) {
      out.add(withChecks(d, checks.getOrDefault(d.sequence() + ":" + d.index(), List.of())));
    }
    return out;
  }

  private static DecisionRow withChecks(DecisionRow d, List<CheckRow> checks) {
    return new DecisionRow(
        d.sequence(),
        d.index(),
        d.tsNanos(),
        d.ts(),
        d.orderId(),
        d.account(),
        d.strategy(),
        d.symbol(),
        d.side(),
        d.quantity(),
        d.price(),
        d.caller(),
        d.approved(),
        d.riskReducing(),
        d.rejectedBy(),
        checks);
  }

  private static DecisionRow decision(ResultSet r, List<CheckRow> checks) throws SQLException {
    return new DecisionRow(
        r.getLong("sequence"),
        r.getInt("output_index"),
        r.getLong("ts_nanos"),
        r.getString("ts"),
        r.getString("order_id"),
        r.getString("account"),
        r.getString("strategy"),
        r.getString("symbol"),
        r.getString("side"),
        r.getString("quantity"),
        r.getString("price"),
        r.getString("caller"),
        r.getInt("approved") != 0,
        r.getInt("risk_reducing") != 0,
        r.getString("rejected_by"),
        checks);
  }

  /**
   * The history of the scopes {@code query} selects, each down-sampled to at most {@code
   * query.points()} samples: the range it covers is cut into that many equal steps (never shorter
   * than a history bucket) and each step is represented by its last sample, the state at the step's
   * end. Scopes in name order, samples in journal order.
   */
  public Map<String, List<LedgerRow>> history(HistoryQuery query) throws SQLException {
    readLock.lock();
    try {
      final List<String> scopes = new ArrayList<>();
      if (query.scope() != null) {
        scopes.add(query.scope());
      } else {
        try (Statement st = reader.createStatement();
            ResultSet r =
                st.executeQuery("SELECT DISTINCT scope FROM audit_ledger_sample ORDER BY scope")) {
          while (r.next()) {
            scopes.add(r.getString(1));
          }
        }
      }
      // Every scope up to the same journal sequence, so that rows written meanwhile do not give
      // one scope a sample that another lacks.
      final long upTo;
      try (Statement st = reader.createStatement();
          ResultSet r = st.executeQuery("SELECT MAX(sequence) FROM audit_ledger_sample")) {
        upTo = r.next() ? r.getLong(1) : 0;
      }
      final Map<String, List<LedgerRow>> out = new java.util.LinkedHashMap<>();
      for (String scope : scopes) {
        out.put(scope, history(scope, query, upTo));
      }
      return out;
    } finally {
      readLock.unlock();
    }
  }

  private List<LedgerRow> history(String scope, HistoryQuery query, long upTo) throws SQLException {
    final long from = query.fromNanos() == null ? Long.MIN_VALUE : query.fromNanos();
    final long to = query.toNanos() == null ? Long.MAX_VALUE : query.toNanos();
    final long first;
    final long last;
    try (PreparedStatement p =
        reader.prepareStatement(
            "SELECT MIN(ts_nanos), MAX(ts_nanos), COUNT(*) FROM audit_ledger_sample"
                + " WHERE scope = ? AND ts_nanos >= ? AND ts_nanos < ? AND sequence <= ?")) {
      p.setString(1, scope);
      p.setLong(2, from);
      p.setLong(3, to);
      p.setLong(4, upTo);
      try (ResultSet r = p.executeQuery()) {
        if (!r.next() || r.getLong(3) == 0) {
          return List.of();
        }
        first = r.getLong(1);
        last = r.getLong(2);
      }
    }
    final long span = last - first + 1;
    final long step =
        Math.max(LedgerSample.BUCKET_NANOS, (span + query.points() - 1) / query.points());
    final List<LedgerRow> rows = new ArrayList<>();
    try (PreparedStatement p =
        reader.prepareStatement(
            "SELECT sequence, scope, ts_nanos, ts, equity, high_water_mark, drawdown, daily_pnl,"
                + " gross_exposure FROM audit_ledger_sample WHERE scope = ? AND sequence IN"
                + " (SELECT MAX(sequence) FROM audit_ledger_sample WHERE scope = ?"
                + " AND ts_nanos >= ? AND ts_nanos < ? AND sequence <= ?"
                + " GROUP BY (ts_nanos - ?) / ?) ORDER BY sequence")) {
      p.setString(1, scope);
      p.setString(2, scope);
      p.setLong(3, from);
      p.setLong(4, to);
      p.setLong(5, upTo);
      p.setLong(6, first);
      p.setLong(7, step);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          rows.add(
              new LedgerRow(
                  r.getLong("sequence"),
                  r.getString("scope"),
                  r.getLong("ts_nanos"),
                  r.getString("ts"),
                  r.getString("equity"),
                  r.getString("high_water_mark"),
                  r.getDouble("drawdown"),
                  r.getString("daily_pnl"),
                  r.getString("gross_exposure")));
        }
      }
    }
    return rows;
  }

  /**
   * Every row of every table in key order, one line each, for comparing two stores (a live trail
   * and its rebuild) and for tests.
   */
  public List<String> dump() throws SQLException {
    final String[][] tables = {
      {"audit_decision", "sequence, output_index"},
      {"audit_check", "sequence, output_index, check_index"},
      {"audit_alert", "sequence, output_index"},
      {"audit_state_change", "sequence, output_index"},
      {"audit_limit_change", "sequence"},
      {"audit_ledger_sample", "sequence, scope"},
      {"audit_progress", "id"}
    };
    final List<String> lines = new ArrayList<>();
    readLock.lock();
    try (Statement s = reader.createStatement()) {
      for (String[] table : tables) {
        try (ResultSet r = s.executeQuery("SELECT * FROM " + table[0] + " ORDER BY " + table[1])) {
          final int columns = r.getMetaData().getColumnCount();
          while (r.next()) {
            final StringBuilder line = new StringBuilder(table[0]);
            for (int i = 1; i <= columns; i++) {
              final Object value = r.getObject(i);
              line.append(i == 1 ? ": " : " | ")
                  .append(r.getMetaData().getColumnName(i).toLowerCase(java.util.Locale.ROOT))
                  .append('=')
                  .append(value instanceof Number n ? canonical(n) : value);
            }
            lines.add(line.toString());
          }
        }
      }
    } finally {
      readLock.unlock();
    }
    return lines;
  }

  /** Numbers as the same text whichever JDBC type a driver reads a column as. */
  private static String canonical(Number n) {
    if (n instanceof Double || n instanceof Float) {
      return Double.toString(n.doubleValue());
    }
    return Long.toString(n.longValue());
  }

  @Override
  public void close() {
    for (Connection c : new Connection[] {writer, reader}) {
      try {
        c.close();
      } catch (SQLException e) {
        // closing: nothing left to do with it
      }
    }
  }
}
