package io.riskgate.core.engine;

/**
 * The balance and net exposure of one currency in an account (or the firm), money in fixed-point.
 *
 * @param currency the currency
 * @param cash its cash balance, in that currency: for the account currency the capital with
 *     deposits, realized PnL and fees (all booked in it) less the entry value of the positions in
 *     it; for another currency minus the entry value of its positions (a fill pays in the
 *     instrument's currency, financed by a negative balance)
 * @param positions the market value of the positions in it, in that currency
 * @param net cash plus positions, in that currency
 * @param netInAccountCurrency the net converted into the account currency (positions at their
 *     side); for the account currency, the same as {@code net}
 */
public record CurrencyView(
    String currency, long cash, long positions, long net, long netInAccountCurrency) {}
