"""issue #15: the dashboard screen drives the real widgets: choose a period, read the
figures, open a definition, click a bar or a number and get the customers behind it,
open one of them."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QPoint, Qt
from test_dashboard_store import seed
from test_ui_customers import ctx, wait_idle  # noqa: F401

from dealerdesk.services import dashboard as svc
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.dashboard_view import DashboardView


def make_view(ctx: DeskContext, qtbot: Any) -> DashboardView:  # noqa: F811
    view = DashboardView(ctx)
    qtbot.addWidget(view)
    view.resize(1280, 1400)
    view.show()
    wait_idle(qtbot, ctx)
    view.first.setDate(QDate(2026, 11, 1))
    view.last.setDate(QDate(2026, 11, 30))
    qtbot.mouseClick(view.show_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx)
    return view


def answer_drill(seen: list[Any], open_row: int | None = None) -> Any:
    def responder(kind: str, title: str, _text: str) -> Any:
        assert kind == "modal" and title == "drill"

        def look(dialog: Any) -> bool:
            seen.append((dialog.windowTitle(), [line.name for line in dialog.lines],
                         dialog.count.text()))  # fmt: skip
            if open_row is None:
                return False
            dialog.open_row(open_row)
            return True

        return look

    return responder


def test_the_figures_of_the_chosen_period(db_path: Path, ctx: DeskContext, qtbot: Any) -> None:  # noqa: F811
    seed()
    view = make_view(ctx, qtbot)
    assert view.board is not None and view.board.period.first == date(2026, 11, 1)
    assert view.tiles["service13"].value.text() == "50.0%"
    assert view.tiles["referrals"].value.text() == "3 / 2"
    assert "was" in view.tiles["retention"].change.text()
    assert view.staff.rowCount() == 2 and view.staff.item(0, 0).text() == "Ann"
    assert view.staff.item(0, 1).text().startswith("33%")
    view.growth.setValue(20.0)  # recomputed at once, without the worker
    n = view.board.now
    needed = svc.leaky_bucket(n.active_at_end, n.annual_churn, 0.20)
    assert needed is not None
    assert view.leaky.text().startswith("To grow 20% a year")
    assert f": {needed} new customers" in view.leaky.text()
    assert view.panels["service13"].chart.labels == ["2026-11"]


def test_a_definition_is_one_click_away(db_path: Path, ctx: DeskContext, qtbot: Any,  # noqa: F811
                                        dialogs: Any) -> None:  # fmt: skip
    seed()
    view = make_view(ctx, qtbot)
    assert "13 months" in view.tiles["service13"].help.toolTip()
    dialogs.answer(None)
    qtbot.mouseClick(view.tiles["service13"].help, Qt.MouseButton.LeftButton)
    _kind, title, text = dialogs.seen[-1]
    assert title == "13-month service retention" and "came back" in text


def test_clicking_a_bar_lists_its_customers_and_opens_one(db_path: Path, ctx: DeskContext,  # noqa: F811
                                                         qtbot: Any) -> None:  # fmt: skip
    ids = seed()
    view = make_view(ctx, qtbot)
    from dealerdesk.ui import dialogs as ui_dialogs

    seen: list[Any] = []
    ui_dialogs.set_responder(answer_drill(seen, open_row=0))
    chart = view.panels["service13"].chart
    centre = chart.category_rect(0).center()
    with qtbot.waitSignal(ctx.hub.open_customer, timeout=5000) as opened:
        qtbot.mouseClick(
            chart, Qt.MouseButton.LeftButton, pos=QPoint(int(centre.x()), int(centre.y()))
        )
        wait_idle(qtbot, ctx)
    assert seen[0][1] == ["Bob"] and "1" in seen[0][2]
    assert opened.args == [ids["b"]]


def test_clicking_a_number_lists_the_customers_it_counts(db_path: Path, ctx: DeskContext,  # noqa: F811
                                                        qtbot: Any) -> None:  # fmt: skip
    seed()
    view = make_view(ctx, qtbot)
    from dealerdesk.ui import dialogs as ui_dialogs

    seen: list[Any] = []
    ui_dialogs.set_responder(answer_drill(seen))
    qtbot.mouseClick(view.tiles["nps"].value, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx)
    qtbot.mouseClick(view.tiles["referrals"].value, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx)
    assert [s[1] for s in seen] == [["Bob"], ["Chen"]]  # the detractor; the converted referral
    assert view.tiles["repeat"].value.text() == "0.0%"  # Chen bought one car
    qtbot.mouseClick(view.tiles["repeat"].value, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx)
    assert seen[-1][1] == ["Chen"]  # the buyers of one car: the next purchase to win
    # a person's retention: double-click opens the customers they own
    view._staff_clicked(0, 0)
    wait_idle(qtbot, ctx)
    assert seen[-1][1] == ["Alice", "Bob"]


def test_a_write_makes_the_shown_figures_recompute(db_path: Path, ctx: DeskContext,  # noqa: F811
                                                   qtbot: Any) -> None:  # fmt: skip
    """Saved here or at another desk (the hub says which tables changed), the figures are
    recomputed once the writes settle; a change to tables the dashboard does not read
    leaves them alone."""
    from dealerdesk.services.changes import Changed
    from dealerdesk.store.models import Customer, Survey

    seed()
    view = make_view(ctx, qtbot)
    view.SETTLE_MS = 10
    view._after_change.setInterval(10)
    assert view.tiles["nps"].value.text() == "+0"  # one promoter, one detractor
    first = view.board
    ctx.hub.changed.emit(Changed(tables=frozenset({"setting"})))
    qtbot.wait(100)
    wait_idle(qtbot, ctx)
    assert view.board is first
    alice = Customer.get(Customer.name == "Alice")
    Survey.create(customer=alice, date=date(2026, 11, 20), nps=10)
    ctx.hub.changed.emit(Changed(customer_ids=frozenset({alice.id}), tables=frozenset({"survey"})))
    qtbot.waitUntil(lambda: view.board is not first, timeout=5000)
    wait_idle(qtbot, ctx)
    assert view.board.now.nps.promoters == 2 and view.tiles["nps"].value.text() == "+33"
