package io.riskgate.core.engine;

import io.riskgate.core.Fixed;
import io.riskgate.core.limit.Limit;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.position.Position;
import io.riskgate.core.report.ReportState;
import io.riskgate.core.report.ReportedInstrument;
import io.riskgate.core.report.ReportedScope;
import io.riskgate.core.report.RiskReport;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's state as the reports of {@code core.report} read it: lookups by id, the mark mode,
 * the correlation measure and the currency balances. Reads only.
 */
final class EngineReportState implements ReportState {
  private final RiskEngine e;

  EngineReportState(RiskEngine e) {
    this.e = e;
  }

  @Override
  public ReportedScope firm() {
    return e.firm;
  }

  @Override
  public int accountCount() {
    return e.accountCount;
  }

  @Override
  public ReportedScope account(int account) {
    return e.accounts[account];
  }

  @Override
  public int strategyCount() {
    return e.strategyCount;
  }

  @Override
  public ReportedScope strategy(int strategy) {
    return e.strategies[strategy];
  }

  @Override
  public int strategyAccount(int strategy) {
    return e.strategyAccount[strategy];
  }

  @Override
  public Position[] positions(int strategy) {
    return e.positions[strategy];
  }

  @Override
  public Position position(int strategy, int instrument) {
    return e.positionOrNull(strategy, instrument);
  }

  @Override
  public int instrumentCount() {
    return e.instrumentCount;
  }

  @Override
  public ReportedInstrument instrument(int instrument) {
    return e.instruments[instrument];
  }

  @Override
  public int instrumentId(String symbol) {
    return e.instrumentId(symbol);
  }

  @Override
  public LimitSet instrumentLimits(int instrument) {
    return e.instrumentLimits[instrument];
  }

  @Override
  public long bookLimit(int strategy, Limit limit) {
    return e.bookLimit(strategy, limit);
  }

  @Override
  public long markPrice(int instrument, long net) {
    return e.instruments[instrument].markPrice(net, e.config.markMode());
  }

  @Override
  public double correlation(int a, int b, int lookback, int minimum) {
    return CorrelationMeasure.correlation(e.instruments[a], e.instruments[b], lookback, minimum);
  }

  @Override
  public int returnHistoryCapacity() {
    return e.config.returnHistoryCapacity();
  }

  @Override
  public int defaultCorrelationLookback() {
    return e.config.defaultCorrelationLookback();
  }

  @Override
  public int defaultCorrelationMinObservations() {
    return e.config.defaultCorrelationMinObservations();
  }

  @Override
  public List<RiskReport.CurrencyBalance> currencies() {
    final List<RiskReport.CurrencyBalance> list = new ArrayList<>();
    if (e.foreignInstruments == 0 && e.fxRates.count == 0) {
      return list;
    }
    addCurrencies(list, e.firm.scope().toString(), null);
    for (int a = 0; a < e.accountCount; a++) {
      addCurrencies(list, e.accounts[a].scope().toString(), e.accounts[a].name);
    }
    return list;
  }

  private void addCurrencies(List<RiskReport.CurrencyBalance> list, String scope, String account) {
    for (CurrencyView c : e.currencies(account)) {
      list.add(
          new RiskReport.CurrencyBalance(
              scope,
              c.currency(),
              Fixed.toDouble(c.cash()),
              Fixed.toDouble(c.positions()),
              Fixed.toDouble(c.net()),
              Fixed.toDouble(c.netInAccountCurrency())));
    }
  }
}
