package io.riskgate.server.http;

import io.riskgate.core.engine.RiskEngine;
import java.util.List;

/** The dashboard figures streamed periodically on {@code /v1/stream}, as JSON text. */
public final class DashboardView {
  private DashboardView() {}

  /**
   * The {@code dashboard} message: equity, PnL, drawdown and gross exposure of the firm and every
   * account and strategy. Call on the engine thread (inside a query).
   */
  public static String render(RiskEngine engine, List<String> accounts, List<String> strategies) {
    return Views.dashboard(engine, accounts, strategies).toString();
  }
}
