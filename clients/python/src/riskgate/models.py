"""Typed results of the Riskgate API.

Money and quantities are :class:`decimal.Decimal` (the server writes them exactly, as
decimal strings or numbers); ratios, check values and limits are ``float`` (the engine
computes them as doubles). Times are timezone-aware :class:`datetime.datetime` in UTC.
Every result keeps the JSON object it was read from in ``raw``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any, Dict, List, Mapping, Optional


def parse_time(text: Optional[str]) -> Optional[datetime]:
    """An ISO-8601 UTC time of the event language (``2026-11-24T10:00:01.25Z``)."""
    if text is None:
        return None
    body = text[:-1] if text.endswith("Z") else text
    if "." in body:
        whole, fraction = body.split(".", 1)
        body = whole + "." + (fraction + "000000")[:6]
    parsed = datetime.fromisoformat(body)
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.utc)
    return parsed.astimezone(timezone.utc)


def _dec(value: Any) -> Optional[Decimal]:
    if value is None:
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _float(value: Any) -> Optional[float]:
    return None if value is None else float(value)


@dataclass(frozen=True)
class Check:
    """One pre-trade check of a decision: what was measured against which limit."""

    code: str
    passed: bool
    value: Optional[float]
    limit: Optional[float]
    scope: Optional[str] = None
    reason: Optional[str] = None

    @classmethod
    def from_json(cls, o: Mapping[str, Any]) -> "Check":
        return cls(
            code=o["code"],
            passed=bool(o["passed"]),
            value=_float(o.get("value")),
            limit=_float(o.get("limit")),
            scope=o.get("scope"),
            reason=o.get("reason"),
        )

    def describe(self) -> str:
        """``POSITION_LIMIT at account:A1: 0.111066 against 0.1``."""
        where = f" at {self.scope}" if self.scope else ""
        why = f" ({self.reason})" if self.reason else ""
        return f"{self.code}{where}: {self.value} against {self.limit}{why}"


@dataclass(frozen=True)
class Decision:
    """The answer to an order check: approved or rejected, with every check that ran.

    ``replayed`` is True when this is the server's remembered answer to the same request
    sent before (a retry): the order was checked once.
    """

    order_id: str
    approved: bool
    risk_reducing: bool
    rejected_by: Optional[str]
    checks: List[Check]
    ts: Optional[datetime]
    replayed: bool = False
    raw: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, o: Mapping[str, Any], replayed: bool = False) -> "Decision":
        return cls(
            order_id=o["orderId"],
            approved=bool(o["approved"]),
            risk_reducing=bool(o.get("riskReducing", False)),
            rejected_by=o.get("rejectedBy"),
            checks=[Check.from_json(c) for c in o.get("checks", [])],
            ts=parse_time(o.get("ts")),
            replayed=replayed,
            raw=dict(o),
        )

    @property
    def rejected(self) -> bool:
        return not self.approved

    @property
    def failed_checks(self) -> List[Check]:
        """The checks that did not pass (the first is ``rejected_by``)."""
        return [c for c in self.checks if not c.passed]

    def check(self, code: str) -> Optional[Check]:
        """The first check with this code, or None when it did not run."""
        return next((c for c in self.checks if c.code == code), None)


@dataclass(frozen=True)
class LedgerPoint:
    """One sample of a scope's history (``GET /v1/history``): its figures after the journal
    record ``sequence``, at engine time ``ts``. ``drawdown`` is a fraction of the high-water
    mark."""

    ts: Optional[datetime]
    sequence: int
    equity: Decimal
    high_water_mark: Decimal
    drawdown: float
    daily_pnl: Decimal
    gross_exposure: Decimal

    @classmethod
    def from_json(cls, o: Mapping[str, Any]) -> "LedgerPoint":
        return cls(
            ts=parse_time(o.get("ts")),
            sequence=int(o["sequence"]),
            equity=Decimal(o["equity"]),
            high_water_mark=Decimal(o["highWaterMark"]),
            drawdown=float(o["drawdown"]),
            daily_pnl=Decimal(o["dailyPnl"]),
            gross_exposure=Decimal(o["grossExposure"]),
        )


@dataclass(frozen=True)
class AuditedDecision:
    """A decision as the audit trail keeps it (``GET /v1/decisions``): the decision with the
    order it decided, who sent it and the journal sequence of the order event."""

    sequence: int
    ts: Optional[datetime]
    order_id: str
    account: Optional[str]
    strategy: Optional[str]
    symbol: Optional[str]
    side: Optional[str]
    quantity: Optional[Decimal]
    price: Optional[Decimal]
    by: str
    approved: bool
    risk_reducing: bool
    rejected_by: Optional[str]
    checks: List[Check]

    @classmethod
    def from_json(cls, o: Mapping[str, Any]) -> "AuditedDecision":
        return cls(
            sequence=int(o["sequence"]),
            ts=parse_time(o.get("ts")),
            order_id=o["orderId"],
            account=o.get("account"),
            strategy=o.get("strategy"),
            symbol=o.get("symbol"),
            side=o.get("side"),
            quantity=_dec(o.get("quantity")),
            price=_dec(o.get("price")),
            by=o.get("by", ""),
            approved=bool(o["approved"]),
            risk_reducing=bool(o.get("riskReducing", False)),
            rejected_by=o.get("rejectedBy"),
            checks=[Check.from_json(c) for c in o.get("checks", [])],
        )

    @property
    def rejected(self) -> bool:
        return not self.approved

    @property
    def failed_checks(self) -> List[Check]:
        return [c for c in self.checks if not c.passed]


@dataclass(frozen=True)
class SizeResult:
    """The answer to a size request: the quantity, why, and every cap that applied."""

    request_id: str
    quantity: Decimal
    notional: Decimal
    status: str
    blocked_by: Optional[str]
    factors: Dict[str, Optional[float]]
    ts: Optional[datetime]
    replayed: bool = False
    raw: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, o: Mapping[str, Any], replayed: bool = False) -> "SizeResult":
        return cls(
            request_id=o["requestId"],
            quantity=_dec(o["quantity"]),
            notional=_dec(o["notional"]),
            status=o["status"],
            blocked_by=o.get("blockedBy"),
            factors={f["factor"]: _float(f.get("value")) for f in o.get("factors", [])},
            ts=parse_time(o.get("ts")),
            replayed=replayed,
            raw=dict(o),
        )


@dataclass(frozen=True)
class Alert:
    """A monitoring alert raised or cleared, with its recommended action."""

    level: str
    code: str
    scope: str
    raised: bool
    message: str
    value: Optional[float]
    threshold: Optional[float]
    action: Optional[str]
    ts: Optional[datetime]
    raw: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, o: Mapping[str, Any]) -> "Alert":
        return cls(
            level=o["level"],
            code=o["code"],
            scope=o["scope"],
            raised=bool(o["raised"]),
            message=o.get("message", ""),
            value=_float(o.get("value")),
            threshold=_float(o.get("threshold")),
            action=o.get("action"),
            ts=parse_time(o.get("ts")),
            raw=dict(o),
        )


@dataclass(frozen=True)
class StateChange:
    """A trading state, breaker or kill state that changed at a scope."""

    scope: str
    kind: str
    from_state: str
    to_state: str
    reason: str
    ts: Optional[datetime]
    raw: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, o: Mapping[str, Any]) -> "StateChange":
        return cls(
            scope=o["scope"],
            kind=o["kind"],
            from_state=o["from"],
            to_state=o["to"],
            reason=o.get("reason", ""),
            ts=parse_time(o.get("ts")),
            raw=dict(o),
        )


@dataclass(frozen=True)
class Action:
    """An instruction for the venue: cancel an order or flatten a position."""

    action: str
    scope: str
    order_id: Optional[str]
    account: Optional[str]
    strategy: Optional[str]
    symbol: Optional[str]
    side: Optional[str]
    quantity: Optional[Decimal]
    reason: str
    ts: Optional[datetime]
    raw: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, o: Mapping[str, Any]) -> "Action":
        return cls(
            action=o["action"],
            scope=o["scope"],
            order_id=o.get("orderId"),
            account=o.get("account"),
            strategy=o.get("strategy"),
            symbol=o.get("symbol"),
            side=o.get("side"),
            quantity=_dec(o.get("quantity")),
            reason=o.get("reason", ""),
            ts=parse_time(o.get("ts")),
            raw=dict(o),
        )


@dataclass(frozen=True)
class Ledger:
    """Equity, PnL, drawdown, exposure and states of one scope (firm, account, strategy)."""

    scope: str
    equity: Decimal
    realized_pnl: Decimal
    unrealized_pnl: Decimal
    daily_pnl: Decimal
    fees: Decimal
    high_water_mark: Decimal
    drawdown: float
    gross_exposure: Decimal
    open_orders: int
    open_positions: int
    state: str
    killed: bool
    breaker: str

    @classmethod
    def from_json(cls, o: Mapping[str, Any]) -> "Ledger":
        return cls(
            scope=o["scope"],
            equity=_dec(o["equity"]),
            realized_pnl=_dec(o["realizedPnl"]),
            unrealized_pnl=_dec(o["unrealizedPnl"]),
            daily_pnl=_dec(o["dailyPnl"]),
            fees=_dec(o["fees"]),
            high_water_mark=_dec(o["highWaterMark"]),
            drawdown=float(o["drawdown"]),
            gross_exposure=_dec(o["grossExposure"]),
            open_orders=int(o["openOrders"]),
            open_positions=int(o["openPositions"]),
            state=o["state"],
            killed=bool(o["killed"]),
            breaker=o["breaker"],
        )


@dataclass(frozen=True)
class Dashboard:
    """The periodic ``dashboard`` message of the stream: every ledger's figures."""

    ts: Optional[datetime]
    ledgers: List[Ledger]
    raw: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, o: Mapping[str, Any]) -> "Dashboard":
        return cls(
            ts=parse_time(o.get("ts")),
            ledgers=[Ledger.from_json(x) for x in o.get("ledgers", [])],
            raw=dict(o),
        )


@dataclass(frozen=True)
class Report:
    """``GET /v1/report``: the state hash, every ledger, and the engine's risk report
    (VaR/CVaR, exposures, correlations, alerts, recommendations) as JSON under ``risk``."""

    ts: Optional[datetime]
    state_hash: str
    ledgers: List[Ledger]
    risk: Optional[Dict[str, Any]]
    raw: Dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def from_json(cls, o: Mapping[str, Any]) -> "Report":
        return cls(
            ts=parse_time(o.get("ts")),
            state_hash=o["stateHash"],
            ledgers=[Ledger.from_json(x) for x in o.get("ledgers", [])],
            risk=o.get("risk"),
            raw=dict(o),
        )

    def ledger(self, scope: str) -> Ledger:
        """The ledger of ``scope`` (``"firm"``, ``"account:A1"``, ``"strategy:S1"``)."""
        for entry in self.ledgers:
            if entry.scope == scope:
                return entry
        raise KeyError(f"no ledger for scope {scope!r}")


@dataclass(frozen=True)
class Position:
    """One book's position in one instrument, with its open orders on each side."""

    strategy: str
    account: str
    symbol: str
    quantity: Decimal
    cost: Decimal
    realized_pnl: Decimal
    unrealized_pnl: Decimal
    fees: Decimal
    open_buy: Decimal
    open_sell: Decimal
    opened_at: Optional[datetime]

    @classmethod
    def from_json(cls, o: Mapping[str, Any]) -> "Position":
        return cls(
            strategy=o["strategy"],
            account=o["account"],
            symbol=o["symbol"],
            quantity=_dec(o["quantity"]),
            cost=_dec(o["cost"]),
            realized_pnl=_dec(o["realizedPnl"]),
            unrealized_pnl=_dec(o["unrealizedPnl"]),
            fees=_dec(o["fees"]),
            open_buy=_dec(o["openBuy"]),
            open_sell=_dec(o["openSell"]),
            opened_at=parse_time(o.get("openedAt")),
        )


@dataclass(frozen=True)
class Output:
    """A stream message of a type this client has no class for, as JSON."""

    type: str
    raw: Dict[str, Any]


@dataclass(frozen=True)
class Applied:
    """The answer to events that are acknowledged rather than decided (fills, cancels,
    prices, limits): how many were applied, the journal sequence of the last one, and the
    outputs they produced (alerts, state changes, actions, decisions)."""

    applied: int
    sequence: int
    outputs: List[Any]
    replayed: bool = False


def output_of(o: Mapping[str, Any]) -> Any:
    """The typed object of one output or stream message."""
    kind = o.get("type")
    if kind == "decision":
        return Decision.from_json(o)
    if kind == "size":
        return SizeResult.from_json(o)
    if kind == "alert":
        return Alert.from_json(o)
    if kind == "state":
        return StateChange.from_json(o)
    if kind == "action":
        return Action.from_json(o)
    if kind == "dashboard":
        return Dashboard.from_json(o)
    return Output(type=str(kind), raw=dict(o))
