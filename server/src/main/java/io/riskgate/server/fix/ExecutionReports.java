package io.riskgate.server.fix;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import quickfix.field.AvgPx;
import quickfix.field.ClOrdID;
import quickfix.field.CumQty;
import quickfix.field.CxlRejReason;
import quickfix.field.CxlRejResponseTo;
import quickfix.field.ExecID;
import quickfix.field.ExecType;
import quickfix.field.LeavesQty;
import quickfix.field.OrdStatus;
import quickfix.field.OrderID;
import quickfix.field.OrigClOrdID;
import quickfix.field.Side;
import quickfix.field.Symbol;
import quickfix.field.Text;
import quickfix.field.TransactTime;
import quickfix.fix44.ExecutionReport;
import quickfix.fix44.OrderCancelReject;

/**
 * The ExecutionReports (35=8) and OrderCancelRejects (35=9) the gateway and the simulated venue
 * both build: the required fields set once here, the rest by the caller.
 */
final class ExecutionReports {
  private ExecutionReports() {}

  /**
   * An ExecutionReport of {@code clOrdId} on {@code symbol} with its required fields; LeavesQty,
   * CumQty and AvgPx are 0 until the caller sets them.
   */
  static ExecutionReport of(
      String orderId,
      String execId,
      char execType,
      char status,
      char side,
      String clOrdId,
      String symbol) {
    final ExecutionReport r =
        new ExecutionReport(
            new OrderID(orderId),
            new ExecID(execId),
            new ExecType(execType),
            new OrdStatus(status),
            new Side(side),
            new LeavesQty(0),
            new CumQty(0),
            new AvgPx(0));
    r.set(new ClOrdID(clOrdId));
    r.set(new Symbol(symbol));
    return r;
  }

  /** Sets TransactTime (60) to now. */
  static void stampNow(ExecutionReport r) {
    r.set(new TransactTime(LocalDateTime.now(ZoneOffset.UTC)));
  }

  /** An OrderCancelReject of the request {@code clOrdId} for the order {@code orig}. */
  static OrderCancelReject cancelReject(
      String orderId,
      String clOrdId,
      String orig,
      char status,
      char responseTo,
      int reason,
      String text) {
    final OrderCancelReject r =
        new OrderCancelReject(
            new OrderID(orderId),
            new ClOrdID(clOrdId),
            new OrigClOrdID(orig),
            new OrdStatus(status),
            new CxlRejResponseTo(responseTo));
    r.set(new CxlRejReason(reason));
    r.set(new Text(text));
    return r;
  }
}
