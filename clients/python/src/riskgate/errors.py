"""Exceptions of the Riskgate client.

Every answer of the server that is not a success is an RFC 9457 problem document
(``application/problem+json``); it is raised as a :class:`ProblemError` subclass chosen by
its status, carrying the whole document, so a caller can tell a refused event (400) from
a wrong token (401), a strategy it may not trade for (403), an unknown order (404), a used
id (409) or a server that cannot answer now (503).
"""

from __future__ import annotations

from typing import Any, Mapping, Optional


class RiskgateError(Exception):
    """Base class of every error the client raises."""


class TransportError(RiskgateError):
    """The server could not be reached, or the connection failed, after every retry.

    The last low-level error is the ``__cause__``; ``attempts`` says how many were made.
    """

    def __init__(self, message: str, attempts: int):
        super().__init__(message)
        self.attempts = attempts


class ProblemError(RiskgateError):
    """An answer of the server that is a problem document.

    Attributes:
        status: the HTTP status (also ``problem["status"]``).
        title: the short title of the class of problem.
        detail: the server's precise explanation (names the field or the state).
        problem: the whole problem document as parsed, extensions included.
    """

    def __init__(self, status: int, problem: Mapping[str, Any]):
        self.status = status
        self.problem = dict(problem)
        self.title = str(self.problem.get("title", ""))
        self.detail = str(self.problem.get("detail", ""))
        super().__init__(f"{status} {self.title}: {self.detail}")

    @property
    def index(self) -> Optional[int]:
        """For a refused event of a submission: its index in the submission, else None."""
        value = self.problem.get("index")
        return int(value) if value is not None else None

    @property
    def applied(self) -> Optional[int]:
        """For a submission: how many of its events were applied before it stopped."""
        value = self.problem.get("applied")
        return int(value) if value is not None else None


class BadRequest(ProblemError):
    """400: malformed JSON, an unknown field, or an event the engine refuses."""


class Unauthorized(ProblemError):
    """401: no token, or a token the server does not know."""


class Forbidden(ProblemError):
    """403: the token's role or strategies do not allow the request."""


class NotFound(ProblemError):
    """404: an unknown route, order id, symbol or scope."""


class Conflict(ProblemError):
    """409: an order that is no longer open, an id used today with other content, or a
    definition that exists."""


class DuplicateOrder(Conflict):
    """409 for an order id used before: the order is rejected ``DUPLICATE_ORDER``.

    ``decision`` is that rejection (a :class:`riskgate.Decision`).
    """

    def __init__(self, status: int, problem: Mapping[str, Any], decision: Any):
        super().__init__(status, problem)
        self.decision = decision


class ContentTooLarge(ProblemError):
    """413: the body is over the server's ``maxBodyBytes``."""


class UnsupportedMediaType(ProblemError):
    """415: the body is not ``application/json``."""


class ServiceUnavailable(ProblemError):
    """503: recovering, stopping, the journal failed, or the wait for it was interrupted.

    Retried requests that still end in 503 raise this after the last attempt.
    """


_BY_STATUS = {
    400: BadRequest,
    401: Unauthorized,
    403: Forbidden,
    404: NotFound,
    409: Conflict,
    413: ContentTooLarge,
    415: UnsupportedMediaType,
    503: ServiceUnavailable,
}


def problem_error(status: int, problem: Mapping[str, Any]) -> ProblemError:
    """The exception for a problem document with ``status``."""
    return _BY_STATUS.get(status, ProblemError)(status, problem)


class OrderRejected(RiskgateError):
    """Raised by :func:`riskgate.guard.guard_orders` when Riskgate rejects an order.

    ``decision`` holds every check with its value and limit.
    """

    def __init__(self, decision: Any):
        super().__init__(
            f"order {decision.order_id} rejected by {decision.rejected_by}: "
            + "; ".join(c.describe() for c in decision.failed_checks)
        )
        self.decision = decision


class StreamClosed(RiskgateError):
    """The server closed the WebSocket stream (``code`` and ``reason`` of its close frame)."""

    def __init__(self, code: Optional[int], reason: str):
        super().__init__(f"the stream was closed (code {code}): {reason}")
        self.code = code
        self.reason = reason
