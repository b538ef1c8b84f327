"""The Riskgate HTTP client.

One :class:`Client` per server and token. Every method builds one event of the event
language, stamps it (``ts``: now in UTC unless given) and sends it. A request whose
connection fails or times out, or that is answered 503, is sent again with the very same
body, ids and ``ts`` included: the server answers a repeated order, fill, cancel or size
request with its original answer (header ``Idempotent-Replay: true``, seen here as
``replayed``) without applying it twice, and a repeated price or limit sets the same
values again. So a caller never has to wonder whether a request that timed out went
through.
"""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
import urllib.parse
from collections import OrderedDict
from datetime import datetime, timezone
from decimal import Decimal
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Tuple, Union

from .errors import (
    Conflict,
    DuplicateOrder,
    ProblemError,
    ServiceUnavailable,
    TransportError,
    problem_error,
)
from .models import (
    Applied,
    AuditedDecision,
    Decision,
    LedgerPoint,
    Position,
    Report,
    SizeResult,
    output_of,
)
from .websocket import WebSocket

Number = Union[int, float, str, Decimal]
Time = Union[None, str, datetime]

#: The stream's message types yielded by default: every output of the engine, without
#: the periodic ``dashboard`` figures.
OUTPUT_TYPES = frozenset({"decision", "size", "alert", "state", "action"})

_REMEMBERED_ORDERS = 10_000


def format_time(ts: Time = None) -> str:
    """``ts`` in the event language: ISO-8601 UTC with microseconds; now when None.

    A naive datetime is taken as UTC; a string is sent as it is.
    """
    if isinstance(ts, str):
        return ts
    moment = datetime.now(timezone.utc) if ts is None else ts
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S") + f".{moment.microsecond:06d}Z"


def decimal_text(value: Number, name: str) -> str:
    """An exact decimal string for a quantity, price or amount.

    A float is read through its shortest repr (``0.1`` stays ``"0.1"``), never its binary
    expansion; anything that is not a finite number is refused here, before sending.
    """
    if isinstance(value, bool):
        raise TypeError(f"{name}: expected a number, got {value!r}")
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, (int, float, str)):
        try:
            number = Decimal(repr(value) if isinstance(value, float) else str(value))
        except ArithmeticError:
            raise ValueError(f"{name}: {value!r} is not a number") from None
    else:
        raise TypeError(f"{name}: expected a number, got {type(value).__name__}")
    if not number.is_finite():
        raise ValueError(f"{name}: {value!r} is not a finite number")
    return format(number, "f")


def _set(body: Dict[str, Any], key: str, value: Any, number: bool = False) -> None:
    if value is not None:
        body[key] = decimal_text(value, key) if number else value


class _Answer:
    """One HTTP answer: status, headers (lower-case names) and the JSON body."""

    def __init__(self, status: int, headers: Dict[str, str], body: Any):
        self.status = status
        self.headers = headers
        self.body = body

    @property
    def replayed(self) -> bool:
        return self.headers.get("idempotent-replay", "").lower() == "true"


class _Unsent(Exception):
    """The request could not be sent at all (connection refused): always safe to retry."""


class Client:
    """A client of one Riskgate server.

    Args:
        url: the server's base URL, e.g. ``http://127.0.0.1:8080``.
        token: the bearer token (trader, risk or viewer).
        timeout: seconds to wait for each answer before the attempt counts as failed.
        retries: how many times a failed attempt is repeated (so ``retries + 1`` attempts).
        backoff: seconds before the first repetition, doubled each time (at most 2 s).

    The client is safe to share between threads: each thread gets its own keep-alive
    connection.
    """

    def __init__(
        self,
        url: str,
        token: str,
        *,
        timeout: float = 5.0,
        retries: int = 3,
        backoff: float = 0.1,
    ):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError(f"url: expected http://host:port or https://host:port, got {url!r}")
        if retries < 0 or timeout <= 0:
            raise ValueError("retries must be >= 0 and timeout > 0")
        self.url = url.rstrip("/")
        self._https = parts.scheme == "https"
        self._host = parts.hostname
        self._port = parts.port or (443 if self._https else 80)
        self._base = parts.path.rstrip("/")
        self._token = token
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self._local = threading.local()
        self._orders: "OrderedDict[str, Dict[str, Any]]" = OrderedDict()
        self._orders_lock = threading.Lock()

    # ------------------------------------------------------------------ orders

    def check_order(
        self,
        order_id: str,
        account: str,
        strategy: str,
        symbol: str,
        side: str,
        quantity: Number,
        price: Optional[Number] = None,
        *,
        leverage: Optional[Number] = None,
        ts: Time = None,
    ) -> Decision:
        """Pre-trade check of an order (``POST /v1/orders/check``).

        Returns the decision, approved or rejected, with every check. An approved order
        reserves its quantity until it is filled or cancelled. ``price`` None is a market
        order. Raises :class:`DuplicateOrder` (with the decision) for an order id used
        before with other content.
        """
        body: Dict[str, Any] = {
            "ts": format_time(ts),
            "orderId": order_id,
            "account": account,
            "strategy": strategy,
            "symbol": symbol,
            "side": _side(side),
            "quantity": decimal_text(quantity, "quantity"),
        }
        _set(body, "price", price, number=True)
        _set(body, "leverage", leverage, number=True)
        decision = self._decide("/v1/orders/check", body)
        self._remember_order(body)
        return decision

    def amend_order(
        self,
        order_id: str,
        new_order_id: Optional[str] = None,
        *,
        quantity: Optional[Number] = None,
        price: Optional[Number] = None,
        account: Optional[str] = None,
        strategy: Optional[str] = None,
        symbol: Optional[str] = None,
        side: Optional[str] = None,
        ts: Time = None,
    ) -> Decision:
        """Cancel/replace: replaces open order ``order_id`` by ``new_order_id`` with a new
        quantity and/or price, and returns the replacement's decision.

        Riskgate has no amend event, so this is the cancel of the original and the check
        of the replacement, sent as one submission (``POST /v1/events``): nothing comes
        between them, and the replacement is checked without the original's reservation.
        When the replacement is rejected the original is cancelled all the same: cancel it
        at the venue too (fail closed; the books never count less than what is live).

        The fields not given are those of the original when this client checked it, else
        they must be given. The new id is ``<order_id>.1`` (``.2`` ...) unless given. A
        retry after a failed attempt sends the cancel and then the replacement on their
        own routes, so each is answered from the server's memory if the first attempt went
        through.
        """
        original = self._known_order(order_id)
        fields = {
            "account": account,
            "strategy": strategy,
            "symbol": symbol,
            "side": side,
        }
        for name, value in list(fields.items()):
            if value is None:
                if original is None or name not in original:
                    raise ValueError(
                        f"{name}: order {order_id!r} was not checked by this client; "
                        "give account, strategy, symbol and side"
                    )
                fields[name] = original[name]
        if quantity is None:
            if original is None:
                raise ValueError(f"quantity: order {order_id!r} is unknown to this client")
            quantity = original["quantity"]
        if price is None and original is not None:
            price = original.get("price")
        stamp = format_time(ts)
        cancel = {"type": "cancel", "ts": stamp, "orderId": order_id}
        order: Dict[str, Any] = {
            "type": "order",
            "ts": stamp,
            "orderId": new_order_id or self._next_id(order_id),
            "account": fields["account"],
            "strategy": fields["strategy"],
            "symbol": fields["symbol"],
            "side": _side(fields["side"]),
            "quantity": decimal_text(quantity, "quantity"),
        }
        _set(order, "price", price, number=True)
        if original is not None and "leverage" in original:
            order["leverage"] = original["leverage"]
        try:
            answer = self._exchange("POST", "/v1/events", [cancel, order], attempts=1)
        except (TransportError, ServiceUnavailable):
            # The submission may or may not have been applied: each event alone is answered
            # from memory if it was, and applied now if it was not.
            self._send("POST", "/v1/cancels", _without_type(cancel))
            decision = self._decide("/v1/orders/check", _without_type(order))
        else:
            decision = next(
                (
                    Decision.from_json(o)
                    for o in answer.body.get("outputs", [])
                    if o.get("type") == "decision"
                ),
                None,
            )
            if decision is None:
                raise ProblemError(500, {"detail": "the server gave no decision"})
        self._forget_order(order_id)
        self._remember_order(_without_type(order))
        return decision

    def cancel(self, order_id: str, *, ts: Time = None) -> Applied:
        """Cancels an open order (``POST /v1/cancels``), releasing its reservation.

        Raises :class:`Conflict` when the order is no longer open, :class:`NotFound` when
        the server never saw it.
        """
        answer = self._send("POST", "/v1/cancels", {"ts": format_time(ts), "orderId": order_id})
        self._forget_order(order_id)
        return _applied(answer)

    def report_fill(
        self,
        fill_id: str,
        order_id: str,
        quantity: Number,
        price: Number,
        *,
        fee: Number = 0,
        ts: Time = None,
    ) -> Applied:
        """Reports a fill of an order (``POST /v1/fills``); a fill id already reported with
        the same content is acknowledged again and not counted twice."""
        body = {
            "ts": format_time(ts),
            "fillId": fill_id,
            "orderId": order_id,
            "quantity": decimal_text(quantity, "quantity"),
            "price": decimal_text(price, "price"),
            "fee": decimal_text(fee, "fee"),
        }
        return _applied(self._send("POST", "/v1/fills", body))

    def post_price(
        self,
        symbol: str,
        *,
        bid: Optional[Number] = None,
        ask: Optional[Number] = None,
        last: Optional[Number] = None,
        ts: Time = None,
    ) -> Applied:
        """Posts a price (``POST /v1/prices``): any of bid, ask and last."""
        body: Dict[str, Any] = {"ts": format_time(ts), "symbol": symbol}
        _set(body, "bid", bid, number=True)
        _set(body, "ask", ask, number=True)
        _set(body, "last", last, number=True)
        return _applied(self._send("POST", "/v1/prices", body))

    def size(
        self,
        request_id: str,
        account: str,
        strategy: str,
        symbol: str,
        side: str,
        sizer: str = "dynamic",
        *,
        signal: Optional[float] = None,
        win_rate: Optional[float] = None,
        average_win: Optional[float] = None,
        average_loss: Optional[float] = None,
        risk_fraction: Optional[float] = None,
        atr_multiple: Optional[float] = None,
        target_volatility: Optional[float] = None,
        price: Optional[Number] = None,
        stop: Optional[Number] = None,
        commission: Optional[Number] = None,
        hard_limit: Optional[Number] = None,
        ts: Time = None,
    ) -> SizeResult:
        """How large a position may be (``POST /v1/size``), by ``sizer``: ``dynamic``
        (``signal``), ``kelly`` (``win_rate``, ``average_win``, ``average_loss``, or none:
        estimated from closed trades), ``fixedFractional`` (``risk_fraction``,
        ``atr_multiple``), ``volatilityTarget`` (``target_volatility``) or ``fixedRisk``
        (``risk_fraction``, ``stop``, optional ``commission`` per unit and ``hard_limit``)."""
        body: Dict[str, Any] = {
            "ts": format_time(ts),
            "requestId": request_id,
            "account": account,
            "strategy": strategy,
            "symbol": symbol,
            "side": _side(side),
            "sizer": sizer,
        }
        for key, value in (
            ("signal", signal),
            ("winRate", win_rate),
            ("averageWin", average_win),
            ("averageLoss", average_loss),
            ("riskFraction", risk_fraction),
            ("atrMultiple", atr_multiple),
            ("targetVolatility", target_volatility),
        ):
            if value is not None:
                body[key] = float(value)
        _set(body, "price", price, number=True)
        _set(body, "stop", stop, number=True)
        _set(body, "commission", commission, number=True)
        _set(body, "hardLimit", hard_limit, number=True)
        answer = self._send("POST", "/v1/size", body)
        return SizeResult.from_json(answer.body, replayed=answer.replayed)

    # ------------------------------------------------------------------ reads

    def positions(self) -> List[Position]:
        """Every position with its open orders (``GET /v1/positions``)."""
        answer = self._send("GET", "/v1/positions")
        return [Position.from_json(p) for p in answer.body["positions"]]

    def report(self) -> Report:
        """The risk report of every ledger (``GET /v1/report``)."""
        return Report.from_json(self._send("GET", "/v1/report").body)

    def limits(self, scope: Optional[str] = None) -> Dict[str, Dict[str, Decimal]]:
        """The limits set at ``scope``, or at the firm and every account and strategy:
        ``{scope: {limit name: value}}`` (``GET /v1/limits``)."""
        path = "/v1/limits"
        if scope is not None:
            path += "?" + urllib.parse.urlencode({"scope": scope})
        body = self._send("GET", path).body
        return {s: {k: Decimal(str(v)) for k, v in values.items()} for s, values in body.items()}

    def decisions(
        self,
        *,
        order_id: Optional[str] = None,
        strategy: Optional[str] = None,
        account: Optional[str] = None,
        code: Optional[str] = None,
        approved: Optional[bool] = None,
        since: Time = None,
        until: Time = None,
        page_size: int = 100,
    ) -> Iterator[AuditedDecision]:
        """The audit trail's decisions (``GET /v1/decisions``) that match every filter given,
        in journal order, fetched a page at a time. ``code`` is a check that failed in the
        decision; ``since`` is inclusive, ``until`` exclusive. A decision is in the trail a
        few milliseconds after its answer."""
        query: Dict[str, str] = {"limit": str(page_size)}
        for key, value in (
            ("orderId", order_id),
            ("strategy", strategy),
            ("account", account),
            ("code", code),
        ):
            if value is not None:
                query[key] = value
        if approved is not None:
            query["approved"] = "true" if approved else "false"
        if since is not None:
            query["from"] = format_time(since)
        if until is not None:
            query["to"] = format_time(until)
        while True:
            body = self._send("GET", "/v1/decisions?" + urllib.parse.urlencode(query)).body
            for item in body["decisions"]:
                yield AuditedDecision.from_json(item)
            cursor = body.get("nextCursor")
            if cursor is None:
                return
            query["cursor"] = cursor

    def history(
        self,
        scope: Optional[str] = None,
        *,
        since: Time = None,
        until: Time = None,
        points: Optional[int] = None,
    ) -> Dict[str, List[LedgerPoint]]:
        """Each scope's history of equity, drawdown, daily PnL and gross exposure
        (``GET /v1/history``), by scope (``firm``, ``account:A1``, ``strategy:S1``; every scope
        without ``scope``), sampled once per minute of engine time and down-sampled to at most
        ``points`` samples per scope; ``since`` is inclusive, ``until`` exclusive."""
        query: Dict[str, str] = {}
        if scope is not None:
            query["scope"] = scope
        if since is not None:
            query["from"] = format_time(since)
        if until is not None:
            query["to"] = format_time(until)
        if points is not None:
            query["points"] = str(points)
        path = "/v1/history" + ("?" + urllib.parse.urlencode(query) if query else "")
        body = self._send("GET", path).body
        return {
            s["scope"]: [LedgerPoint.from_json(p) for p in s["points"]] for s in body["series"]
        }

    def set_limits(self, scope: str, limits: Mapping[str, Optional[Number]]) -> Applied:
        """Sets (or with None removes) limits at a scope; needs a risk token
        (``PUT /v1/limits``)."""
        values = {
            name: None if v is None else (v if isinstance(v, bool) else decimal_text(v, name))
            for name, v in limits.items()
        }
        return _applied(self._send("PUT", "/v1/limits", {"scope": scope, "limits": values}))

    def set_trading_state(self, scope: str, state: str) -> Applied:
        """``active``, ``reducing`` or ``halted`` at a scope; needs a risk token."""
        return _applied(
            self._send("POST", "/v1/trading-state", {"scope": scope, "state": state})
        )

    def kill(self, scope: str = "firm") -> Applied:
        """Presses the kill switch of a scope; needs a risk token. The answer's outputs
        hold the state change, the alert and the cancel and flatten actions."""
        return _applied(self._send("POST", "/v1/kill", {"scope": scope}))

    def rearm(self, scope: str = "firm") -> Applied:
        """Re-arms a killed scope; needs a risk token."""
        return _applied(self._send("POST", "/v1/rearm", {"scope": scope}))

    def send_events(self, events: Iterable[Mapping[str, Any]]) -> Applied:
        """Sends events of the event language as they are (``POST /v1/events``), applied
        in order and stopping at the first refused one. Several events are never answered
        from the server's memory, so this is retried only when nothing was sent."""
        batch = [dict(e) for e in events]
        return _applied(self._exchange("POST", "/v1/events", batch, retry_sent=False))

    def ready(self) -> bool:
        """Whether the server finished recovery and accepts events (``/health/ready``)."""
        try:
            self._exchange("GET", "/health/ready", None, attempts=1)
            return True
        except (ServiceUnavailable, TransportError):
            return False

    # ------------------------------------------------------------------ stream

    def stream(
        self,
        types: Optional[Iterable[str]] = OUTPUT_TYPES,
        *,
        timeout: Optional[float] = None,
    ) -> "Stream":
        """Opens ``/v1/stream``: every decision, size, alert, state change and action once
        durable, as typed objects (:class:`Decision`, :class:`Alert`,
        :class:`StateChange` ...). ``types`` None yields everything, the periodic
        :class:`Dashboard` figures included. Iterate over it, or call
        :meth:`Stream.next` with a timeout; close it (or use ``with``) when done."""
        return Stream(self, None if types is None else frozenset(types), timeout)

    # ------------------------------------------------------------------ transport

    def _decide(self, path: str, body: Mapping[str, Any]) -> Decision:
        try:
            answer = self._send("POST", path, body)
        except Conflict as e:
            if "decision" in e.problem:
                raise DuplicateOrder(
                    e.status, e.problem, Decision.from_json(e.problem["decision"])
                ) from None
            raise
        return Decision.from_json(answer.body, replayed=answer.replayed)

    def _send(self, method: str, path: str, body: Any = None) -> _Answer:
        return self._exchange(method, path, body)

    def _exchange(
        self,
        method: str,
        path: str,
        body: Any,
        *,
        attempts: Optional[int] = None,
        retry_sent: bool = True,
    ) -> _Answer:
        """Sends a request, repeating the same bytes after a failed attempt: always when it
        could not be sent, and after a timeout, a lost connection or a 503 when
        ``retry_sent``."""
        payload = None if body is None else json.dumps(body, separators=(",", ":")).encode()
        total = self.retries + 1 if attempts is None else attempts
        delay = self.backoff
        last_error: Optional[BaseException] = None
        for attempt in range(1, total + 1):
            try:
                answer = self._once(method, path, payload)
            except _Unsent as e:
                last_error = e.__cause__
            except (OSError, http.client.HTTPException) as e:
                if not retry_sent:
                    raise TransportError(
                        f"{method} {path}: {e!r}; the request may have been applied", attempt
                    ) from e
                last_error = e
            else:
                if answer.status < 400:
                    return answer
                error = _problem(answer)
                if not (isinstance(error, ServiceUnavailable) and retry_sent):
                    raise error
                last_error = error
            if attempt < total:
                time.sleep(delay)
                delay = min(delay * 2, 2.0)
        if isinstance(last_error, ProblemError):
            raise last_error
        raise TransportError(
            f"{method} {path}: no answer after {total} attempt(s): {last_error!r}", total
        ) from last_error

    def _once(self, method: str, path: str, payload: Optional[bytes]) -> _Answer:
        connection = getattr(self._local, "connection", None)
        if connection is None:
            cls = http.client.HTTPSConnection if self._https else http.client.HTTPConnection
            connection = cls(self._host, self._port, timeout=self.timeout)
            try:
                connection.connect()
            except ConnectionRefusedError as e:
                raise _Unsent() from e
            except OSError:
                connection.close()
                raise
            self._local.connection = connection
        headers = {"Authorization": f"Bearer {self._token}", "Accept": "application/json"}
        if payload is not None:
            headers["Content-Type"] = "application/json"
        try:
            connection.request(method, self._base + path, body=payload, headers=headers)
            response = connection.getresponse()
            data = response.read()
        except BaseException:
            connection.close()
            self._local.connection = None
            raise
        if response.getheader("Connection", "").lower() == "close":
            connection.close()
            self._local.connection = None
        names = {k.lower(): v for k, v in response.getheaders()}
        text = data.decode("utf-8") if data else ""
        parsed: Any
        try:
            parsed = json.loads(text, parse_float=Decimal) if text else None
        except ValueError:
            parsed = {"detail": text}
        return _Answer(response.status, names, parsed)

    def close(self) -> None:
        """Closes this thread's connection (others close when their thread ends)."""
        connection = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # ------------------------------------------------------------------ orders known here

    def _remember_order(self, body: Mapping[str, Any]) -> None:
        with self._orders_lock:
            self._orders[body["orderId"]] = dict(body)
            while len(self._orders) > _REMEMBERED_ORDERS:
                self._orders.popitem(last=False)

    def _known_order(self, order_id: str) -> Optional[Dict[str, Any]]:
        with self._orders_lock:
            return self._orders.get(order_id)

    def _forget_order(self, order_id: str) -> None:
        with self._orders_lock:
            self._orders.pop(order_id, None)

    def _next_id(self, order_id: str) -> str:
        stem, dot, suffix = order_id.rpartition(".")
        if dot and suffix.isdigit():
            return f"{stem}.{int(suffix) + 1}"
        return f"{order_id}.1"

    def _ws_address(self) -> Tuple[str, int, str]:
        return self._host, self._port, self._base + "/v1/stream"

    def _ws_headers(self) -> Dict[str, str]:
        return {"Authorization": f"Bearer {self._token}"}


class Stream(Iterator[Any]):
    """The output stream of a server (``/v1/stream``), as typed objects."""

    def __init__(self, client: Client, types: Optional[frozenset], timeout: Optional[float]):
        if client._https:
            raise ValueError("the stream client speaks plain ws:// only; use an http:// url")
        host, port, path = client._ws_address()
        self._types = types
        self._socket = WebSocket.connect(host, port, path, client._ws_headers(), client.timeout)
        self._socket.settimeout(timeout)
        self._timeout = timeout

    def __iter__(self) -> "Stream":
        return self

    def __next__(self) -> Any:
        """The next message of the chosen types; raises :class:`StreamClosed` when the
        server closes the stream, and ``socket.timeout`` after the stream's timeout."""
        while True:
            message = json.loads(self._socket.recv(), parse_float=Decimal)
            if self._types is None or message.get("type") in self._types:
                return output_of(message)

    def next(self, timeout: Optional[float] = None) -> Optional[Any]:
        """The next message of the chosen types, or None when none came within
        ``timeout`` seconds (None: the stream's own timeout)."""
        wait = self._timeout if timeout is None else timeout
        deadline = None if wait is None else time.monotonic() + wait
        try:
            while True:
                if deadline is not None:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        return None
                    self._socket.settimeout(left)
                message = json.loads(self._socket.recv(), parse_float=Decimal)
                if self._types is None or message.get("type") in self._types:
                    return output_of(message)
        except socket.timeout:
            return None
        finally:
            self._socket.settimeout(self._timeout)

    def close(self) -> None:
        self._socket.close()

    def __enter__(self) -> "Stream":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def _side(side: str) -> str:
    value = str(side).lower()
    if value not in ("buy", "sell"):
        raise ValueError(f"side: expected 'buy' or 'sell', got {side!r}")
    return value


def _without_type(event: Mapping[str, Any]) -> Dict[str, Any]:
    return {k: v for k, v in event.items() if k != "type"}


def _applied(answer: _Answer) -> Applied:
    body = answer.body or {}
    return Applied(
        applied=int(body.get("applied", 0)),
        sequence=int(body.get("sequence", 0)),
        outputs=[output_of(o) for o in body.get("outputs", [])],
        replayed=answer.replayed,
    )


def _problem(answer: _Answer) -> ProblemError:
    body = answer.body if isinstance(answer.body, dict) else {"detail": str(answer.body)}
    body.setdefault("status", answer.status)
    return problem_error(answer.status, body)
