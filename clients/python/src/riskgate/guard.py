"""Putting Riskgate in front of a strategy's own order function.

    @guard_orders(client, account="A1", strategy="S1")
    def send_order(symbol, side, quantity, price=None, *, order_id):
        return venue.place(symbol, side, quantity, price, client_order_id=order_id)

``send_order("BTC-USD", "buy", "0.5", "43001")`` then asks Riskgate first and reaches the
venue only when the order is approved; a rejection raises :class:`OrderRejected` with the
decision, whose checks say which limit and by how much.
"""

from __future__ import annotations

import functools
import uuid
from typing import Any, Callable, Optional, TypeVar

from .client import Client
from .errors import OrderRejected

F = TypeVar("F", bound=Callable[..., Any])


def guard_orders(
    client: Client,
    *,
    account: str,
    strategy: str,
    new_order_id: Callable[[], str] = lambda: uuid.uuid4().hex,
    on_reject: Optional[Callable[[Any], Any]] = None,
) -> Callable[[F], F]:
    """Wraps ``send(symbol, side, quantity, price=None, *, order_id, **kwargs)``.

    The wrapper checks the order with Riskgate under a fresh order id (or the
    ``order_id`` keyword the caller passes) and calls ``send`` with that id only when it
    is approved, so the venue's order and Riskgate's reservation share one id (report its
    fills with it). A rejected order is never sent: ``on_reject(decision)`` is returned
    when given, else :class:`OrderRejected` is raised. The decision of the last order is
    kept on the wrapper as ``last_decision``.
    """

    def decorate(send: F) -> F:
        @functools.wraps(send)
        def guarded(symbol: str, side: str, quantity: Any, price: Any = None, **kwargs: Any) -> Any:
            order_id = kwargs.pop("order_id", None) or new_order_id()
            decision = client.check_order(
                order_id, account, strategy, symbol, side, quantity, price
            )
            guarded.last_decision = decision  # type: ignore[attr-defined]
            if decision.rejected:
                if on_reject is not None:
                    return on_reject(decision)
                raise OrderRejected(decision)
            return send(symbol, side, quantity, price, order_id=order_id, **kwargs)

        guarded.last_decision = None  # type: ignore[attr-defined]
        return guarded  # type: ignore[return-value]

    return decorate
