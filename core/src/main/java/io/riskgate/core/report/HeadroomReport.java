package io.riskgate.core.report;

import io.riskgate.core.Fixed;
import io.riskgate.core.check.Headroom;
import io.riskgate.core.check.PositionLimit;
import io.riskgate.core.check.ScopeFigures;
import io.riskgate.core.limit.LimitSet;
import io.riskgate.core.position.Holding;
import io.riskgate.core.position.Position;
import java.util.ArrayList;
import java.util.List;

/**
 * The position headroom of every scope in every instrument it holds, as the {@code POSITION_LIMIT}
 * check and sizing compute it ({@link PositionLimit#allowance} and {@link PositionLimit#room}):
 * what a screen shows, so that it computes none of it. Reads only.
 */
public final class HeadroomReport {
  private HeadroomReport() {}

  /**
   * Every held instrument with a price: the firm, each account, its instrument scope, each book.
   */
  public static List<PositionHeadroom> build(ReportState e) {
    final List<PositionHeadroom> rows = new ArrayList<>();
    for (int i = 0; i < e.instrumentCount(); i++) {
      final ReportedInstrument instrument = e.instrument(i);
      final long reference = instrument.referencePrice();
      if (reference <= 0 || !held(instrument.firmHolding())) {
        continue;
      }
      instrumentRows(e, i, instrument, reference, rows);
    }
    return rows;
  }

  /** The rows of one held, priced instrument. */
  private static void instrumentRows(
      ReportState e,
      int i,
      ReportedInstrument instrument,
      long reference,
      List<PositionHeadroom> rows) {
    final ScopeFigures firm = e.firm();
    final long unit = instrument.value(Fixed.ONE, reference);
    final String symbol = instrument.symbol();
    add(
        rows,
        "firm",
        symbol,
        null,
        firm.limits(),
        firm,
        instrument.firmHolding(),
        instrument,
        unit);
    for (int a = 0; a < e.accountCount(); a++) {
      final Holding holding = instrument.heldByAccount(a);
      if (!held(holding)) {
        continue;
      }
      final ScopeFigures account = e.account(a);
      add(
          rows,
          "account:" + account.name(),
          symbol,
          null,
          account.limits(),
          account,
          holding,
          instrument,
          unit);
      add(
          rows,
          "instrument:" + symbol,
          symbol,
          account.name(),
          e.instrumentLimits(i),
          account,
          holding,
          instrument,
          unit);
    }
    for (int s = 0; s < e.strategyCount(); s++) {
      final Position position = e.position(s, i);
      if (held(position)) {
        final ScopeFigures strategy = e.strategy(s);
        add(
            rows,
            "strategy:" + strategy.name(),
            symbol,
            null,
            strategy.limits(),
            strategy,
            position,
            instrument,
            unit);
      }
    }
  }

  private static boolean held(Holding holding) {
    return holding != null && (holding.net != 0 || holding.openBuy != 0 || holding.openSell != 0);
  }

  private static void add(
      List<PositionHeadroom> rows,
      String scope,
      String symbol,
      String account,
      LimitSet limits,
      ScopeFigures equityOwner,
      Holding holding,
      ReportedInstrument instrument,
      long unit) {
    final long equity = equityOwner.equity();
    final long worst =
        Math.max(
            Math.abs(Headroom.heldOnSide(holding, 1)), Math.abs(Headroom.heldOnSide(holding, -1)));
    rows.add(
        new PositionHeadroom(
            scope,
            symbol,
            account,
            PositionLimit.allowance(limits, equity),
            instrument.value(worst, instrument.referencePrice()),
            PositionLimit.room(limits, equity, holding, 1, unit),
            PositionLimit.room(limits, equity, holding, -1, unit)));
  }
}
