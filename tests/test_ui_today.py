"""Today screen: the real widgets, driven by keys, on a real database through the worker.

The headline test is DESIGN's aim: from Today, a call is logged with its outcome in five
keystrokes or fewer, no mouse (here: Down, Enter, R, Enter).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from followup_support import add_followup, clear_generated_followups, idle
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QApplication, QDialog

from dealerdesk.services import customers, followups
from dealerdesk.services.changes import Changed, changed
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.hub import ChangeHub
from dealerdesk.ui.worker import Worker
from dealerdesk.vocab.contact import Outcome

TODAY = date(2026, 5, 12)  # a Tuesday


@pytest.fixture
def ctx(db_path: Path, qtbot: object) -> Iterator[DeskContext]:
    from dealerdesk.store import db as store_db

    worker = Worker(on_thread_exit=store_db.close)
    yield DeskContext(db_path=db_path, worker=worker, hub=ChangeHub(), clock=lambda: TODAY)
    worker.shutdown()


def add_customer(name: str, phone: str, *, last_service_days: int | None = None) -> int:
    cid = customers.create_customer({"name": name, "phone": phone}, today=TODAY).new_id
    assert cid is not None
    if last_service_days is not None:
        for back in (last_service_days + 360, last_service_days + 180, last_service_days):
            customers.add_visit(cid, {"date": TODAY - timedelta(days=back), "kind": "service",
                                      "amount": 800}, today=TODAY)  # fmt: skip
    return cid


@pytest.fixture
def data(db_path: Path) -> dict[str, int]:
    followups.ensure_cadence_rules()
    a = add_customer("张伟", "13800138001", last_service_days=420)
    b = add_customer("王芳", "13800138002", last_service_days=30)
    c = add_customer("Smith & Co Logistics", "13800138003", last_service_days=200)
    clear_generated_followups()
    return {
        "a": a, "b": b, "c": c,
        "late": add_followup(a, TODAY - timedelta(days=4)),
        "today_b": add_followup(b, TODAY),
        "today_c": add_followup(c, TODAY, kind="checkin"),
        "later": add_followup(c, TODAY + timedelta(days=3)),
    }  # fmt: skip


def make_view(qtbot: object, ctx: DeskContext) -> object:
    from dealerdesk.ui.today_view import TodayView

    view = TodayView(ctx)
    qtbot.addWidget(view)  # type: ignore[attr-defined]
    view.resize(1280, 800)
    view.show()
    idle(qtbot, ctx)
    view.setFocus()
    return view


def press_in_dialog(
    qtbot: object, keys: list[Qt.Key], log: list[Qt.Key]
) -> Callable[[QDialog], bool]:
    """A dialog answer that types *keys* into the real dialog, as a person would."""

    def drive(dialog: QDialog) -> bool:
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()))  # type: ignore[attr-defined]
        for key in keys:
            log.append(key)
            qtbot.keyClick(QApplication.focusWidget(), key)  # type: ignore[attr-defined]
        accepted = dialog.result() == QDialog.DialogCode.Accepted
        dialog.hide()
        return accepted

    return drive


def test_models_pass_the_model_tester(
    qtbot: object, qtmodeltester: object, data: dict[str, int]
) -> None:
    from dealerdesk.services import scoring
    from dealerdesk.ui.agenda_model import AgendaModel, AtRiskModel, decode_ids

    parent = QObject()
    agenda = AgendaModel(parent)
    rows = followups.due_followups(today=TODAY, days=7)
    agenda.set_rows(rows, today=TODAY)
    qtmodeltester.check(agenda)  # type: ignore[attr-defined]
    assert decode_ids(agenda.mimeData([agenda.index(1, 0), agenda.index(1, 3)])) == [rows[1].id]
    risk = AtRiskModel(parent)
    risk.set_rows(scoring.top_at_risk(today=TODAY, limit=10))
    qtmodeltester.check(risk)  # type: ignore[attr-defined]
    assert risk.rowCount() == 3


def test_today_lists_overdue_first_with_figures_and_risk(
    qtbot: object, ctx: DeskContext, data: dict[str, int]
) -> None:
    view = make_view(qtbot, ctx)
    model = view.due_model
    ids = [model.row_at(i).id for i in range(model.rowCount())]
    # Best first (retention.priority): 张伟 is the most at risk; Smith & Co (200 days
    # without a service) before 王芳 (serviced a month ago); the one due in 3 days waits.
    assert ids == [data["late"], data["today_c"], data["today_b"]]
    assert model.index(0, 0).data() == "4 days overdue"
    assert model.index(1, 0).data() == "Today"
    assert model.index(0, 1).data() == "张伟"
    assert model.index(0, 2).data() == customers.display_phone("+8613800138001")
    assert view.due_table.currentIndex().row() == 0  # Enter works at once
    assert view.tiles["overdue"].value.text() == "1"
    assert view.tiles["due_today"].value.text() == "2"
    assert {"retention", "nps", "first_response", "awaiting"} <= set(view.tiles)
    scores = [view.risk_model.row_at(i).score for i in range(view.risk_model.rowCount())]
    assert scores == sorted(scores, reverse=True) and scores
    assert view.risk_model.row_at(0).customer_id == data["a"]  # 14 months without service
    assert not view.grab().isNull()  # the badge delegate and tiles paint


def test_log_a_call_from_today_in_four_keystrokes(
    qtbot: object, ctx: DeskContext, data: dict[str, int], dialogs: object
) -> None:
    view = make_view(qtbot, ctx)
    pressed: list[Qt.Key] = []
    dialogs.answer(press_in_dialog(qtbot, [Qt.Key.Key_R, Qt.Key.Key_Return], pressed))  # type: ignore[attr-defined]
    statuses: list[str] = []
    ctx.hub.status.connect(statuses.append)
    with qtbot.waitSignal(ctx.hub.changed, timeout=10_000) as sent:  # type: ignore[attr-defined]
        for key in (Qt.Key.Key_Down, Qt.Key.Key_Return):
            pressed.append(key)
            qtbot.keyClick(QApplication.focusWidget(), key)  # type: ignore[attr-defined]
    idle(qtbot, ctx)

    assert len(pressed) == 4 <= 5
    assert dialogs.seen == [("modal", "complete_followup", "")]  # type: ignore[attr-defined]
    assert data["today_c"] in sent.args[0].followup_ids
    ids = [view.due_model.row_at(i).id for i in range(view.due_model.rowCount())]
    assert ids == [data["late"], data["today_b"]]
    assert view.tiles["due_today"].value.text() == "1"
    contact = customers.timeline(data["c"], limit=1)[0]
    assert contact.kind == "contact" and contact.at.date() == TODAY
    assert statuses and "Smith" in statuses[-1]
    # The next call is one Enter away, and the list still has the keyboard.
    assert view.due_table.hasFocus() and view.due_table.currentIndex().row() == 1


def test_top_row_no_answer_in_three_keystrokes_retries_next_working_day(
    qtbot: object, ctx: DeskContext, data: dict[str, int], dialogs: object
) -> None:
    view = make_view(qtbot, ctx)
    pressed: list[Qt.Key] = []
    dialogs.answer(press_in_dialog(qtbot, [Qt.Key.Key_N, Qt.Key.Key_Enter], pressed))  # type: ignore[attr-defined]
    pressed.append(Qt.Key.Key_Return)
    qtbot.keyClick(view.due_table, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    idle(qtbot, ctx)
    assert len(pressed) == 3
    assert view.due_model.row_of(data["late"]) == -1
    moved = [r for r in followups.due_followups(today=TODAY, days=7) if r.id == data["late"]]
    assert moved and moved[0].due == TODAY + timedelta(days=1) and moved[0].attempt == 2


def test_cancel_logs_nothing(
    qtbot: object, ctx: DeskContext, data: dict[str, int], dialogs: object
) -> None:
    view = make_view(qtbot, ctx)
    dialogs.answer(press_in_dialog(qtbot, [Qt.Key.Key_R, Qt.Key.Key_Escape], []))  # type: ignore[attr-defined]
    qtbot.keyClick(view.due_table, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    idle(qtbot, ctx)
    assert view.due_model.rowCount() == 3
    assert all(e.kind != "contact" for e in customers.timeline(data["a"]))


def test_complete_dialog_single_key_outcomes(qtbot: object, data: dict[str, int]) -> None:
    from dealerdesk.ui.followup_dialogs import OUTCOME_KEYS, CompleteDialog

    row = followups.due_followups(today=TODAY)[0]
    dialog = CompleteDialog(row, today=TODAY, phone="138 0013 8001")
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.isAncestorOf(QApplication.focusWidget()))  # type: ignore[attr-defined]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert dialog.isVisible() and dialog.outcome() is None  # Enter alone saves nothing
    for key, outcome in ((Qt.Key.Key_N, "no_answer"), (Qt.Key.Key_W, "wrong_number"),
                         (Qt.Key.Key_D, "declined"), (Qt.Key.Key_R, "reached")):  # fmt: skip
        qtbot.keyClick(QApplication.focusWidget(), key)  # type: ignore[attr-defined]
        assert dialog.outcome() == outcome
    assert {o for o, _key, _label in OUTCOME_KEYS} <= set(Outcome)  # the store accepts each
    qtbot.keyClicks(dialog.notes, "Called, will come in")  # type: ignore[attr-defined]
    assert dialog.outcome() == "reached" and dialog.notes_text() == "Called, will come in"
    assert dialog.callback_on() is None and not dialog.callback.isEnabled()
    dialog.set_outcome("call_back")
    assert dialog.callback.isEnabled() and dialog.callback_on() is None  # next working day
    dialog.callback.setDate(dialog.callback.date().addDays(3))
    assert dialog.callback_on() == TODAY + timedelta(days=2)
    dialog.close()


def test_ctrl_enter_and_the_risk_list_open_the_customer(
    qtbot: object, ctx: DeskContext, data: dict[str, int]
) -> None:
    view = make_view(qtbot, ctx)
    with qtbot.waitSignal(ctx.hub.open_customer) as opened:  # type: ignore[attr-defined]
        qtbot.keyClick(view.due_table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # type: ignore[attr-defined]
    assert opened.args == [data["a"]]
    view.risk_list.setFocus()
    view.risk_list.setCurrentIndex(view.risk_model.index(0, 0))
    with qtbot.waitSignal(ctx.hub.open_customer) as opened:  # type: ignore[attr-defined]
        qtbot.keyClick(view.risk_list, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    assert opened.args == [view.risk_model.row_at(0).customer_id]


def test_refreshes_only_for_what_a_change_touches(
    qtbot: object, ctx: DeskContext, data: dict[str, int]
) -> None:
    view = make_view(qtbot, ctx)
    ctx.hub.changed.emit(changed("campaign"))
    assert ctx.worker.pending == 0  # nothing Today shows
    # Another screen completes a follow-up: Today hears it and drops the row.
    done = followups.complete_followup(followup_id=data["today_c"], outcome="reached",
                                       now=datetime.combine(TODAY, datetime.min.time()))  # fmt: skip
    assert isinstance(done, Changed)
    ctx.hub.changed.emit(done)
    assert ctx.worker.pending >= 1
    idle(qtbot, ctx)
    assert view.due_model.row_of(data["today_c"]) == -1
    assert view.due_model.rowCount() == 2


def test_a_follow_up_done_at_another_desk_is_refused_then_dropped(
    qtbot: object, ctx: DeskContext, data: dict[str, int], dialogs: object
) -> None:
    view = make_view(qtbot, ctx)
    followups.complete_followup(followup_id=data["late"], outcome="reached",
                                now=datetime.combine(TODAY, datetime.min.time()))  # fmt: skip
    dialogs.answer(press_in_dialog(qtbot, [Qt.Key.Key_R, Qt.Key.Key_Return], []), None)  # type: ignore[attr-defined]
    qtbot.keyClick(view.due_table, Qt.Key.Key_Return)  # type: ignore[attr-defined]
    idle(qtbot, ctx)
    kind, title, text = dialogs.seen[-1]  # type: ignore[attr-defined]
    assert (kind, title) == ("warning", "Follow-up not changed") and "already completed" in text
    assert view.due_model.row_of(data["late"]) == -1  # re-read after the refusal
