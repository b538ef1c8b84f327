package io.riskgate.core.sizing;

import io.riskgate.core.Fixed;

/** Validation shared by the sizers; every message names the input and the value received. */
final class SizingInputs {
  private SizingInputs() {}

  static void requirePositive(String name, double value) {
    if (!(value > 0.0) || value == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException(name + " must be a finite positive number, got " + value);
    }
  }

  static void requireNonNegative(String name, double value) {
    if (!(value >= 0.0) || value == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException(name + " must be finite and not negative, got " + value);
    }
  }

  static void requireUnitInterval(String name, double value) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException(name + " must be between 0 and 1, got " + value);
    }
  }

  static void requireFractionAboveZero(String name, double value) {
    if (!(value > 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException(name + " must be above 0 and at most 1, got " + value);
    }
  }

  static void requirePrice(long price) {
    if (price <= 0) {
      throw new IllegalArgumentException("price must be positive, got " + Fixed.toString(price));
    }
  }

  static void requireInstrument(SizingInstrument instrument) {
    if (instrument == null) {
      throw new IllegalArgumentException("instrument sizing rules are required");
    }
  }

  static void requireResult(SizingResult result) {
    if (result == null) {
      throw new IllegalArgumentException("a result holder is required");
    }
  }
}
