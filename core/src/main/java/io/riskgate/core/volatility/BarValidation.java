package io.riskgate.core.volatility;

/**
 * Checks shared by the estimators: a bar or a price is usable only when it is finite and positive,
 * and a bar's high is not below its low. Named for what it guards, the input of every estimator.
 */
final class BarValidation {
  private BarValidation() {}

  static void requirePrice(String name, double value) {
    if (!(value > 0.0) || value == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException(name + " must be a finite positive price, got " + value);
    }
  }

  static void requireBar(double high, double low, double close) {
    requirePrice("high", high);
    requirePrice("low", low);
    requirePrice("close", close);
    if (high < low) {
      throw new IllegalArgumentException("high " + high + " is below low " + low);
    }
  }

  static void requirePeriod(String name, int period, int minimum) {
    if (period < minimum) {
      throw new IllegalArgumentException(name + " must be at least " + minimum + ", got " + period);
    }
  }

  static void requireSameLength(int count, double[]... arrays) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative, got " + count);
    }
    for (double[] array : arrays) {
      if (array.length < count) {
        throw new IllegalArgumentException(
            "array of length " + array.length + " is shorter than count " + count);
      }
    }
  }
}
