package io.riskgate.core.kill;

import io.riskgate.core.limit.Scope;

/**
 * A scope with a kill switch (the firm, an account, a strategy) as the kill switch sees it: what it
 * is, and whether it is killed. Implemented by the engine's ledgers; the kill switch changes
 * nothing of them but that flag.
 */
public interface KillScope {
  Scope.Kind kind();

  /** The scope's dense id among those of its kind (0 for the firm). */
  int id();

  /** The scope's name as outputs spell it. */
  Scope scope();

  boolean killed();

  void setKilled(boolean killed);
}
