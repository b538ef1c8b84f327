"""The client against a live ``riskgate serve``: every method, the stream, retries after a
lost answer, and the problem documents as exceptions."""

from __future__ import annotations

import socket
from decimal import Decimal

import pytest

import riskgate
from conftest import RISK, TRADER, TRADER_S1, VIEWER, unique
from flaky_proxy import FlakyProxy


def position(client, strategy, symbol):
    for p in client.positions():
        if p.strategy == strategy and p.symbol == symbol:
            return p
    return None


def open_buy(client, strategy, symbol):
    """The quantity of open buy orders of a book (a book with nothing is not listed)."""
    held = position(client, strategy, symbol)
    return held.open_buy if held else Decimal(0)


# ---------------------------------------------------------------- check_order


def test_an_approved_order_has_every_check_typed(trader):
    decision = trader.check_order(unique("ok"), "A1", "S1", "BTC-USD", "buy", "0.01", "43001")
    assert decision.approved and not decision.rejected
    assert decision.rejected_by is None
    assert decision.replayed is False
    codes = [c.code for c in decision.checks]
    assert "POSITION_LIMIT" in codes and "LEVERAGE_LIMIT" in codes
    position_check = decision.check("POSITION_LIMIT")
    assert position_check.passed
    assert position_check.scope == "account:A1"
    assert position_check.limit == pytest.approx(0.1)
    assert isinstance(position_check.value, float)
    assert decision.ts is not None and decision.ts.tzinfo is not None


def test_a_rejected_order_names_the_check_with_its_value_and_limit(trader):
    decision = trader.check_order(unique("big"), "A1", "S1", "BTC-USD", "buy", 10, 43001)
    assert decision.rejected
    assert decision.rejected_by == "POSITION_LIMIT"
    failed = decision.failed_checks[0]
    assert failed.code == "POSITION_LIMIT" and not failed.passed
    assert failed.value == pytest.approx(10 * 43000.5 / 1_000_000, rel=1e-3)
    assert failed.limit == pytest.approx(0.1)
    assert "POSITION_LIMIT at account:A1" in failed.describe()


def test_a_used_order_id_with_other_content_raises_duplicate_order_with_the_decision(trader):
    order_id = unique("dup")
    trader.check_order(order_id, "A1", "S1", "BTC-USD", "buy", "0.01", "43001")
    with pytest.raises(riskgate.DuplicateOrder) as raised:
        trader.check_order(order_id, "A1", "S1", "BTC-USD", "buy", "0.02", "43001")
    assert raised.value.status == 409
    assert raised.value.decision.rejected_by == "DUPLICATE_ORDER"
    assert "orderId" in raised.value.detail
    assert isinstance(raised.value, riskgate.Conflict)


def test_the_same_order_sent_again_is_answered_from_memory(trader):
    order_id = unique("again")
    stamp = riskgate.format_time()
    first = trader.check_order(order_id, "A1", "S1", "BTC-USD", "buy", "0.01", "43001", ts=stamp)
    second = trader.check_order(order_id, "A1", "S1", "BTC-USD", "buy", "0.010", 43001, ts=stamp)
    assert not first.replayed and second.replayed
    assert second.checks == first.checks


# ---------------------------------------------------------------- amend, cancel, fill


def test_amend_replaces_the_order_and_moves_the_reservation(trader):
    order_id = unique("am")
    base = open_buy(trader, "S2", "ETH-USDT")
    assert trader.check_order(order_id, "A1", "S2", "ETH-USDT", "buy", "2", "2500").approved
    assert open_buy(trader, "S2", "ETH-USDT") == base + 2
    amended = trader.amend_order(order_id, quantity="3", price="2499")
    assert amended.approved, amended.failed_checks
    assert amended.order_id == order_id + ".1"
    assert open_buy(trader, "S2", "ETH-USDT") == base + 3
    with pytest.raises(riskgate.Conflict):
        trader.cancel(order_id)
    trader.cancel(amended.order_id)
    assert open_buy(trader, "S2", "ETH-USDT") == base


def test_a_rejected_amend_leaves_no_order_open(trader):
    order_id = unique("amr")
    base = open_buy(trader, "S2", "ETH-USDT")
    assert trader.check_order(order_id, "A1", "S2", "ETH-USDT", "buy", "1", "2500").approved
    amended = trader.amend_order(order_id, "replacement-" + order_id, quantity="1000")
    assert amended.rejected and amended.rejected_by == "POSITION_LIMIT"
    assert open_buy(trader, "S2", "ETH-USDT") == base


def test_an_amend_of_an_order_this_client_never_saw_needs_its_fields(trader):
    with pytest.raises(ValueError, match="give account, strategy, symbol and side"):
        trader.amend_order("never-seen", quantity=1)


def test_cancel_sent_again_is_a_retry_and_a_new_cancel_of_a_closed_order_conflicts(trader):
    order_id = unique("cx")
    trader.check_order(order_id, "A1", "S1", "BTC-USD", "buy", "0.01", "43001")
    stamp = riskgate.format_time()
    first = trader.cancel(order_id, ts=stamp)
    assert first.applied == 1 and first.sequence > 0 and not first.replayed
    assert trader.cancel(order_id, ts=stamp).replayed
    with pytest.raises(riskgate.Conflict) as raised:
        trader.cancel(order_id)
    assert "not open" in raised.value.detail
    assert raised.value.index == 0 and raised.value.applied == 0


def test_report_fill_moves_the_position_exactly(trader):
    before = position(trader, "S2", "BTC-USD")
    held = before.quantity if before else Decimal(0)
    order_id = unique("fill")
    assert trader.check_order(order_id, "A1", "S2", "BTC-USD", "buy", "0.003", "43001").approved
    answer = trader.report_fill(unique("f"), order_id, "0.001", "43001", fee="0.5")
    assert answer.applied == 1
    trader.report_fill(unique("f"), order_id, 0.002, 43001.0)
    after = position(trader, "S2", "BTC-USD")
    assert after.quantity == held + Decimal("0.003")
    assert isinstance(after.quantity, Decimal)
    assert after.fees >= Decimal("0.5")


def test_post_price_moves_the_marks(trader):
    answer = trader.post_price("ETH-USDT", bid="2500", ask="2500.5", last=2500.25)
    assert answer.applied == 1 and answer.sequence > 0


def test_size_answers_the_quantity_and_its_factors(trader):
    result = trader.size(unique("r"), "A1", "S1", "BTC-USD", "buy", "dynamic", signal=0.5)
    assert result.status == "SIZED"
    assert result.quantity > 0 and isinstance(result.quantity, Decimal)
    assert result.notional > 0
    assert result.factors["signalMultiplier"] == pytest.approx(1.25)
    assert "headroomPosition" in result.factors


# ---------------------------------------------------------------- reads


def test_report_positions_and_limits(trader, risk, viewer):
    report = viewer.report()
    assert len(report.state_hash) > 0
    firm = report.ledger("firm")
    assert firm.equity > 0 and isinstance(firm.equity, Decimal)
    assert report.ledger("strategy:S1").state in ("ACTIVE", "REDUCING", "HALTED")
    assert report.risk is not None and report.risk["type"] == "report"
    with pytest.raises(KeyError):
        report.ledger("strategy:NOPE")
    assert isinstance(viewer.positions(), list)

    risk.set_limits("strategy:S1", {"maxOrderQuantity": 5})
    assert viewer.limits("strategy:S1") == {"strategy:S1": {"maxOrderQuantity": Decimal(5)}}
    every = viewer.limits()
    assert {"firm", "account:A1", "strategy:S2"} <= set(every)
    assert every["account:A1"]["maxLeverage"] == Decimal(5)
    decision = trader.check_order(unique("q"), "A1", "S1", "BTC-USD", "buy", 6, 43001)
    assert decision.rejected_by == "ORDER_QUANTITY_LIMIT"
    risk.set_limits("strategy:S1", {"maxOrderQuantity": None})
    assert viewer.limits("strategy:S1") == {"strategy:S1": {}}


def test_ready(viewer):
    assert viewer.ready()


# ---------------------------------------------------------------- problems


def test_problems_are_exceptions_carrying_the_document(server, trader, viewer):
    with pytest.raises(riskgate.Unauthorized) as raised:
        riskgate.Client(server.url, "not-a-token").positions()
    assert raised.value.status == 401 and raised.value.problem["status"] == 401
    assert "token" in raised.value.detail

    with pytest.raises(riskgate.Forbidden) as raised:
        riskgate.Client(server.url, TRADER_S1).check_order(
            unique("x"), "A1", "S2", "BTC-USD", "buy", 1, 43001
        )
    assert "may not act for strategy S2" in raised.value.detail

    with pytest.raises(riskgate.Forbidden):
        viewer.post_price("BTC-USD", bid=1, ask=2)

    with pytest.raises(riskgate.NotFound) as raised:
        trader.report_fill(unique("f"), "no-such-order", 1, 1)
    assert raised.value.problem["title"] == "Not found"

    with pytest.raises(riskgate.NotFound):
        viewer.limits("strategy:NOPE")

    with pytest.raises(riskgate.BadRequest) as raised:
        trader.send_events([{"type": "price", "symbol": "BTC-USD", "bid": 1, "bogus": 2}])
    assert "bogus" in raised.value.detail

    with pytest.raises(riskgate.BadRequest) as raised:
        trader.check_order(unique("old"), "A1", "S1", "BTC-USD", "buy", 1, 1, ts="2001-01-01T00:00:00Z")
    assert "out-of-order" in raised.value.detail

    with pytest.raises(riskgate.ContentTooLarge):
        trader.send_events([{"type": "timer", "ts": riskgate.format_time()}] * 400)

    with pytest.raises(ValueError, match="side"):
        trader.check_order("x", "A1", "S1", "BTC-USD", "long", 1)
    with pytest.raises(ValueError, match="finite"):
        trader.check_order("x", "A1", "S1", "BTC-USD", "buy", float("nan"))


def test_an_unreachable_server_is_a_transport_error_after_every_attempt():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    client = riskgate.Client(f"http://127.0.0.1:{port}", TRADER, retries=2, backoff=0.01)
    with pytest.raises(riskgate.TransportError) as raised:
        client.positions()
    assert raised.value.attempts == 3


# ---------------------------------------------------------------- retries


def test_an_order_whose_answer_was_lost_is_sent_again_and_answered_from_memory(server, trader):
    proxy = FlakyProxy(server.port, drop=1)
    try:
        client = riskgate.Client(proxy.url, TRADER, timeout=10, backoff=0.01)
        order_id = unique("lost")
        decision = client.check_order(order_id, "A1", "S1", "BTC-USD", "buy", "0.01", "43001")
        assert proxy.dropped == 1 and proxy.connections == 2
        assert decision.approved
        assert decision.replayed, "the retry must get the remembered answer, not a second check"
        # The order was checked once: a new order under its id is a duplicate.
        with pytest.raises(riskgate.DuplicateOrder):
            trader.check_order(order_id, "A1", "S1", "BTC-USD", "buy", "0.02", "43001")
    finally:
        proxy.close()


def test_a_fill_that_timed_out_is_sent_again_and_counted_once(server, trader):
    order_id = unique("slow")
    assert trader.check_order(order_id, "A1", "S2", "ETH-USDT", "buy", "0.5", "2500.5").approved
    held = position(trader, "S2", "ETH-USDT").quantity
    proxy = FlakyProxy(server.port, delay=1, delay_seconds=1.5)
    try:
        client = riskgate.Client(proxy.url, TRADER, timeout=0.5, backoff=0.01)
        answer = client.report_fill(unique("fill"), order_id, "0.5", "2500.5")
        assert proxy.delayed == 1 and proxy.connections >= 2
        assert answer.replayed and answer.applied == 1
        assert position(trader, "S2", "ETH-USDT").quantity == held + Decimal("0.5")
    finally:
        proxy.close()


def test_an_amend_whose_answer_was_lost_is_completed_by_its_parts(server, trader):
    order_id = unique("amlost")
    base = open_buy(trader, "S2", "ETH-USDT")
    proxy = FlakyProxy(server.port)
    try:
        client = riskgate.Client(proxy.url, TRADER, timeout=10, backoff=0.01)
        assert client.check_order(order_id, "A1", "S2", "ETH-USDT", "buy", "1", "2500").approved
        proxy.drop = 1
        amended = client.amend_order(order_id, quantity="2")
        assert proxy.dropped == 1
        assert amended.approved and amended.replayed
        assert open_buy(trader, "S2", "ETH-USDT") == base + 2
        trader.cancel(amended.order_id)
    finally:
        proxy.close()


# ---------------------------------------------------------------- stream


def subscribed(stream):
    """Waits for the first dashboard message: the server has registered the subscription
    (it does so just after the handshake) and every later output reaches the stream."""
    while not isinstance(stream.next(timeout=10), riskgate.Dashboard):
        pass
    return stream


def test_the_stream_yields_decisions_states_and_alerts(server, trader, risk):
    with subscribed(trader.stream(types=None, timeout=10)) as stream:
        order_id = unique("st")
        trader.check_order(order_id, "A1", "S1", "BTC-USD", "buy", "0.01", "43001")
        risk.kill("strategy:GUARD")
        risk.rearm("strategy:GUARD")
        seen = []
        while len(seen) < 5:
            item = stream.next(timeout=10)
            assert item is not None, f"the stream went quiet after {seen}"
            if not isinstance(item, riskgate.Dashboard):
                seen.append(item)
    decision = next(x for x in seen if isinstance(x, riskgate.Decision))
    assert decision.order_id == order_id and decision.checks
    states = [x for x in seen if isinstance(x, riskgate.StateChange)]
    assert (states[0].kind, states[0].from_state, states[0].to_state) == ("kill", "ARMED", "KILLED")
    assert states[0].scope == "strategy:GUARD"
    alerts = [x for x in seen if isinstance(x, riskgate.Alert)]
    assert alerts[0].code == "KILL_SWITCH" and alerts[0].raised and alerts[0].level == "CRITICAL"


def test_the_default_stream_leaves_out_the_dashboard_figures(trader):
    with trader.stream(timeout=1) as stream:
        assert stream.next(timeout=1) is None


def test_the_stream_with_every_type_has_the_dashboard_figures(viewer):
    with viewer.stream(types=None, timeout=10) as stream:
        item = stream.next()
        while not isinstance(item, riskgate.Dashboard):
            item = stream.next()
    assert item.ledgers[0].scope == "firm"


def test_a_stream_with_a_bad_token_raises_unauthorized(server):
    with pytest.raises(riskgate.Unauthorized):
        riskgate.Client(server.url, "wrong").stream()


def test_iterating_a_stream_blocks_for_the_next_output(trader):
    with subscribed(trader.stream(types={"decision", "dashboard"}, timeout=10)) as stream:
        order_id = unique("it")
        trader.check_order(order_id, "A1", "S1", "BTC-USD", "buy", "0.01", "43001")
        for item in stream:
            if isinstance(item, riskgate.Decision) and item.order_id == order_id:
                break


# ---------------------------------------------------------------- audit trail


def test_a_decision_is_found_in_the_audit_trail_with_every_check(trader, viewer):
    import time

    order_id = unique("audit")
    decision = trader.check_order(order_id, "A1", "S1", "BTC-USD", "buy", 10, "43001")
    deadline = time.monotonic() + 10
    found = []
    while not found and time.monotonic() < deadline:
        found = list(viewer.decisions(order_id=order_id))
        if not found:
            time.sleep(0.05)
    assert len(found) == 1, "the decision did not reach the audit trail"
    audited = found[0]
    assert audited.order_id == order_id and audited.rejected
    assert audited.rejected_by == decision.rejected_by == "POSITION_LIMIT"
    assert audited.checks == decision.checks
    assert (audited.account, audited.strategy, audited.symbol, audited.side) == ("A1", "S1", "BTC-USD", "buy")
    assert audited.quantity == Decimal(10) and audited.price == Decimal("43001")
    assert audited.by == "desk"
    rejected = list(viewer.decisions(code="POSITION_LIMIT", strategy="S1", page_size=1))
    assert order_id in [d.order_id for d in rejected]
    assert all(any(c.code == "POSITION_LIMIT" and not c.passed for c in d.checks) for d in rejected)
    with pytest.raises(riskgate.BadRequest):
        list(viewer.decisions(page_size=0))


def test_the_history_of_every_scope(trader, viewer):
    import time

    # Samples are taken when an event reaches a later minute of engine time (here the wall
    # clock's): the first event of the session took one.
    trader.post_price("BTC-USD", bid="43000", ask="43001")
    deadline = time.monotonic() + 10
    history = {}
    while not history.get("strategy:S1") and time.monotonic() < deadline:
        history = viewer.history()
        time.sleep(0.05)
    assert {"firm", "account:A1", "strategy:S1"} <= set(history)
    last = history["firm"][-1]
    assert last.ts is not None and last.sequence > 0
    assert isinstance(last.equity, Decimal) and last.equity > 0
    assert isinstance(last.gross_exposure, Decimal) and last.drawdown >= 0
    only = viewer.history("strategy:S1", points=1)
    assert list(only) == ["strategy:S1"] and len(only["strategy:S1"]) == 1
    with pytest.raises(riskgate.BadRequest):
        viewer.history("book", points=0)
