"""Python client of the Riskgate risk server.

    import riskgate
    client = riskgate.Client("http://127.0.0.1:8080", token)
    decision = client.check_order("o1", "A1", "S1", "BTC-USD", "buy", "0.5", "43001")
    if decision.rejected:
        print(decision.rejected_by, [c.describe() for c in decision.failed_checks])
"""

from .client import OUTPUT_TYPES, Client, Stream, format_time
from .errors import (
    BadRequest,
    Conflict,
    ContentTooLarge,
    DuplicateOrder,
    Forbidden,
    NotFound,
    OrderRejected,
    ProblemError,
    RiskgateError,
    ServiceUnavailable,
    StreamClosed,
    TransportError,
    Unauthorized,
    UnsupportedMediaType,
)
from .models import (
    Action,
    Alert,
    Applied,
    AuditedDecision,
    Check,
    Dashboard,
    Decision,
    Ledger,
    LedgerPoint,
    Output,
    Position,
    Report,
    SizeResult,
    StateChange,
)

__version__ = "0.1.0"

__all__ = [
    "Action",
    "Alert",
    "Applied",
    "AuditedDecision",
    "BadRequest",
    "Check",
    "Client",
    "Conflict",
    "ContentTooLarge",
    "Dashboard",
    "Decision",
    "DuplicateOrder",
    "Forbidden",
    "Ledger",
    "LedgerPoint",
    "NotFound",
    "OUTPUT_TYPES",
    "OrderRejected",
    "Output",
    "Position",
    "ProblemError",
    "Report",
    "RiskgateError",
    "ServiceUnavailable",
    "SizeResult",
    "StateChange",
    "Stream",
    "StreamClosed",
    "TransportError",
    "Unauthorized",
    "UnsupportedMediaType",
    "format_time",
]
