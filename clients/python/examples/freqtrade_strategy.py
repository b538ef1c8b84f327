"""A Freqtrade strategy guarded by Riskgate.

Put this file in Freqtrade's ``user_data/strategies/``, install the client in Freqtrade's
environment (``pip install --no-build-isolation ./clients/python``) and set
``RISKGATE_URL``, ``RISKGATE_TOKEN`` (a trader token for the strategy), ``RISKGATE_ACCOUNT``
and ``RISKGATE_STRATEGY``. Freqtrade then asks Riskgate before every entry and exit
(``confirm_trade_entry`` / ``confirm_trade_exit``) and Riskgate hears of every fill
(``order_filled``): a rejected entry is not placed, and the bot's positions count against
Riskgate's limits, breakers and kill switch. Pairs map to symbols as ``BTC/USDT`` ->
``BTC-USDT``; pass ``symbols=`` to :class:`riskgate.freqtrade.FreqtradeRiskGuard` for
other names.

The signals are a plain EMA crossover; the Riskgate part is the three callbacks, which
keep Freqtrade's documented signatures.
"""

from __future__ import annotations

import os
from datetime import datetime
from typing import Optional

from freqtrade.persistence import Order, Trade
from freqtrade.strategy import IStrategy
from pandas import DataFrame

import riskgate
from riskgate.freqtrade import FreqtradeRiskGuard


class RiskgateGuardedStrategy(IStrategy):
    INTERFACE_VERSION = 3
    timeframe = "5m"
    minimal_roi = {"0": 0.02}
    stoploss = -0.05

    def bot_start(self, **kwargs) -> None:
        client = riskgate.Client(os.environ["RISKGATE_URL"], os.environ["RISKGATE_TOKEN"])
        self.riskgate = FreqtradeRiskGuard(
            client, os.environ["RISKGATE_ACCOUNT"], os.environ["RISKGATE_STRATEGY"]
        )

    def populate_indicators(self, dataframe: DataFrame, metadata: dict) -> DataFrame:
        dataframe["fast"] = dataframe["close"].ewm(span=12).mean()
        dataframe["slow"] = dataframe["close"].ewm(span=26).mean()
        return dataframe

    def populate_entry_trend(self, dataframe: DataFrame, metadata: dict) -> DataFrame:
        dataframe.loc[dataframe["fast"] > dataframe["slow"], "enter_long"] = 1
        return dataframe

    def populate_exit_trend(self, dataframe: DataFrame, metadata: dict) -> DataFrame:
        dataframe.loc[dataframe["fast"] < dataframe["slow"], "exit_long"] = 1
        return dataframe

    def confirm_trade_entry(
        self,
        pair: str,
        order_type: str,
        amount: float,
        rate: float,
        time_in_force: str,
        current_time: datetime,
        entry_tag: Optional[str],
        side: str,
        **kwargs,
    ) -> bool:
        return self.riskgate.confirm_trade_entry(
            pair, order_type, amount, rate, time_in_force, current_time, entry_tag, side, **kwargs
        )

    def confirm_trade_exit(
        self,
        pair: str,
        trade: Trade,
        order_type: str,
        amount: float,
        rate: float,
        time_in_force: str,
        exit_reason: str,
        current_time: datetime,
        **kwargs,
    ) -> bool:
        return self.riskgate.confirm_trade_exit(
            pair, trade, order_type, amount, rate, time_in_force, exit_reason, current_time, **kwargs
        )

    def order_filled(
        self, pair: str, trade: Trade, order: Order, current_time: datetime, **kwargs
    ) -> None:
        self.riskgate.order_filled(pair, trade, order, current_time, **kwargs)
