package io.riskgate.server;

import io.riskgate.server.audit.AuditReplay;
import io.riskgate.server.audit.AuditSettings;
import io.riskgate.server.audit.AuditStore;
import io.riskgate.server.audit.AuditStoreException;
import io.riskgate.server.audit.AuditWriter;
import io.riskgate.server.config.ServerConfig;
import io.riskgate.server.journal.EventLog;
import io.riskgate.server.journal.RecordCursor;
import io.riskgate.server.runtime.EngineRuntime;
import java.io.PrintStream;

/**
 * The audit trail's part of the server's start-up ({@link RiskgateServer}): its store and writer.
 */
final class AuditStartup {
  private AuditStartup() {}

  /**
   * Opens the configured audit store (null for none), refusing one that holds records past the
   * journal's end: it belongs to another journal, and its rows would hide the new ones.
   */
  static AuditStore open(ServerConfig config, EventLog journal) {
    if (config.audit().kind() == AuditSettings.Kind.NONE) {
      return null;
    }
    final AuditStore store;
    try {
      store = AuditStore.open(config.audit(), config.dataDirectory(), System::getenv);
    } catch (AuditStoreException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    try {
      final long stored = store.lastSequence();
      if (stored > journal.durableSequence()) {
        store.close();
        throw new IllegalStateException(
            "the audit store ("
                + store.description()
                + ") holds records up to journal sequence "
                + stored
                + " but the journal ends at "
                + journal.durableSequence()
                + ": it belongs to another journal; configure an empty store or run riskgate"
                + " audit rebuild");
      }
    } catch (java.sql.SQLException e) {
      store.close();
      throw new IllegalStateException(
          "the audit store (" + store.description() + ") cannot be read: " + e.getMessage(), e);
    }
    return store;
  }

  /**
   * Starts the audit writer: it hears of every durable record from now on, and first completes the
   * store from the journal up to where it is durable now (covering whatever was published before
   * the listener was added, or not written before the last stop).
   */
  static AuditWriter start(
      ServerConfig config,
      EngineRuntime runtime,
      EventLog journal,
      AuditStore store,
      PrintStream log) {
    final java.util.concurrent.atomic.AtomicReference<AuditWriter> writer =
        new java.util.concurrent.atomic.AtomicReference<>();
    final java.util.List<java.util.List<io.riskgate.server.runtime.DurableRecord>> early =
        new java.util.ArrayList<>();
    runtime.onDurable(
        records -> {
          final AuditWriter w = writer.get();
          if (w != null) {
            w.accept(records);
          } else {
            synchronized (early) {
              final AuditWriter again = writer.get();
              if (again != null) {
                again.accept(records);
              } else {
                early.add(records);
              }
            }
          }
        });
    final long target = journal.durableSequence();
    final AuditWriter started =
        AuditWriter.start(
            store,
            (from, to, sink) -> {
              final boolean atStart = to == Long.MAX_VALUE;
              final long until = atStart ? target : to;
              if (from >= until) {
                return;
              }
              try (RecordCursor reader = journal.reader(1)) {
                AuditReplay.replay(
                    config.engine(), config.referenceData(), reader, from, until, 1000, sink);
              }
              if (atStart) {
                log.println("audit trail completed from the journal up to sequence " + target);
              }
            },
            log::println);
    synchronized (early) {
      early.forEach(started::accept);
      writer.set(started);
    }
    return started;
  }
}
