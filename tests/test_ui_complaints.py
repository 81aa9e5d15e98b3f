"""The Complaints screen end to end: find the customer, open a complaint, respond,
resolve (the satisfaction call appears), close; filters and the overdue mark."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from test_ui_customers import TODAY, ctx, seed, type_text, wait_idle  # noqa: F401

from dealerdesk.services import complaints, customers, followups
from dealerdesk.ui.complaint_dialogs import ComplaintDialog
from dealerdesk.ui.complaints_view import ComplaintsView
from dealerdesk.ui.context import DeskContext


def drive(qtbot: Any, steps: Any) -> Any:
    """Show the real dialog as the active window (as a modal one is), then run *steps*."""

    def with_focus(dialog: Any) -> bool:
        from PySide6.QtWidgets import QApplication

        # Not qtbot.addWidget: run_form deletes the dialog, which has a parent.
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        steps(dialog)
        return True

    return with_focus


def make_view(ctx: DeskContext, qtbot: Any) -> ComplaintsView:  # noqa: F811
    view = ComplaintsView(ctx)
    qtbot.addWidget(view)
    view.resize(1280, 700)
    view.show()
    wait_idle(qtbot, ctx)
    return view


def step(qtbot: Any, ctx: DeskContext, view: ComplaintsView, name: str, text: str) -> None:  # noqa: F811
    def answer(dialog: Any) -> None:
        type_text(qtbot, dialog.text, text)
        qtbot.keyClick(dialog.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    from dealerdesk.ui import dialogs as ui_dialogs

    ui_dialogs.set_responder(
        lambda kind, title, _t: drive(qtbot, answer) if kind == "modal" else None
    )
    view.buttons[name].click()
    wait_idle(qtbot, ctx)


def test_open_respond_resolve_close_from_the_complaints_screen(
    db_path: Path,
    ctx: DeskContext,  # noqa: F811
    qtbot: Any,
    dialogs: Any,
) -> None:
    ids = seed().ids
    view = make_view(ctx, qtbot)
    assert view.model.rowCount() == 0 and view.empty.isVisible()
    seen: dict[str, Any] = {}

    def open_one(dialog: ComplaintDialog) -> None:
        assert dialog.picker is not None
        type_text(qtbot, dialog.picker.search, "wf")  # 王芳 by pinyin initials
        dialog.picker.run_search()
        qtbot.waitUntil(lambda: dialog.picker.results.count() > 0
                        and dialog.picker.results.item(0).data(Qt.ItemDataRole.UserRole) is not None)  # fmt: skip
        qtbot.keyClick(dialog.picker.search, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.vehicle.count() == 2)
        wait_idle(qtbot, ctx)
        seen["vehicle"] = dialog.vehicle.currentText()  # her only car, already chosen
        seen["focus"] = dialog.focusWidget() is dialog.description
        type_text(qtbot, dialog.description, "Waited 3 hours")
        qtbot.keyClick(dialog.description, Qt.Key.Key_Return)  # only a new line
        type_text(qtbot, dialog.description, "then the car was dirty")
        seen["still_open"] = dialog.isVisible() and not dialog.pending
        dialog.category.setCurrentIndex(dialog.category.findData("waiting"))
        qtbot.keyClick(dialog.description, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    dialogs.answer(drive(qtbot, open_one))
    view.new_button.click()
    wait_idle(qtbot, ctx)
    assert seen == {
        "vehicle": "粤B ZW789 · SAIC Volkswagen Lavida",
        "focus": True,
        "still_open": True,
    }
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    item = view.model.item_at(0)
    assert item is not None and item.row.customer_id == ids["王芳"]
    assert item.row.description == "Waited 3 hours\nthen the car was dirty"
    assert (
        view.model.index(0, 5).data() == "Open" and view.model.index(0, 3).data() == "Waiting time"
    )
    qtbot.waitUntil(lambda: view.buttons["respond"].isEnabled())
    assert "Waited 3 hours" in view.detail.toPlainText()

    step(qtbot, ctx, view, "respond", "Called and apologised")
    qtbot.waitUntil(lambda: view.model.index(0, 5).data() == "Responded")
    qtbot.waitUntil(lambda: view.buttons["resolve"].isEnabled())
    step(qtbot, ctx, view, "resolve", "Free valet next visit")
    # resolved leaves the default "not resolved" list
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)
    planned = followups.due_followups(today=TODAY, days=7)
    calls = [r for r in planned if r.customer_id == ids["王芳"] and r.kind == "manual"]
    assert len(calls) == 1 and "Satisfaction call: complaint #" in calls[0].reason

    view.status.setCurrentIndex(view.status.findData(None))  # all statuses
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    qtbot.waitUntil(lambda: view.buttons["close"].isEnabled())
    history = view.detail.toPlainText()
    assert "Called and apologised" in history and "Free valet next visit" in history

    def close_it(dialog: Any) -> None:
        dialog.satisfaction.setValue(4)
        qtbot.keyClick(dialog.satisfaction, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    from dealerdesk.ui import dialogs as ui_dialogs

    ui_dialogs.set_responder(
        lambda kind, _t, _x: drive(qtbot, close_it) if kind == "modal" else None
    )
    view.buttons["close"].click()
    wait_idle(qtbot, ctx)
    qtbot.waitUntil(lambda: view.model.index(0, 5).data() == "Closed")
    qtbot.waitUntil(lambda: "4 of 5" in view.detail.toPlainText())
    assert [e.status for e in complaints.detail(item.row.id, now=ctx.now()).history] == [
        "open", "responded", "resolved", "closed"]  # fmt: skip


def test_overdue_marked_filters_and_figures(
    db_path: Path,
    ctx: DeskContext,  # noqa: F811
    qtbot: Any,
    qtmodeltester: Any,
) -> None:
    s = seed()
    ids, staff = s.ids, s.staff
    monday = datetime(2026, 11, 23, 9, 0)
    old = complaints.open_complaint(ids["张伟"], now=monday - timedelta(days=10), category="billing",
                                    severity="high", description="多收费",
                                    assignee_id=staff["刘洋"]).new_id  # fmt: skip
    fresh = complaints.open_complaint(ids["李娜"], now=monday, category="staff", severity="low",
                                      description="态度不好", assignee_id=staff["Emily Zhou"]).new_id  # fmt: skip
    answered = complaints.open_complaint(ids["赵磊"], now=monday - timedelta(days=3),
                                         category="parts", severity="medium", description="缺件").new_id  # fmt: skip
    complaints.respond(answered, now=monday - timedelta(days=3, hours=-5), note="已订货")  # type: ignore[arg-type]
    view = make_view(ctx, qtbot)
    qtmodeltester.check(view.model)
    rows = [view.model.item_at(r).row.id for r in range(view.model.rowCount())]  # type: ignore[union-attr]
    assert rows == [old, answered, fresh]  # oldest first
    assert view.model.index(0, 6).data() == "Response late" and view.model.index(2, 6).data() == ""
    assert view.model.index(0, 0).data().startswith("⚠")
    assert view.model.index(0, 0).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert view.model.index(2, 0).data(Qt.ItemDataRole.BackgroundRole) is None
    assert view.late_label.text() == "Past target: 1"
    assert view.median_label.text() == "Median first response: 5 h"

    def shown() -> list[int]:
        wait_idle(qtbot, ctx)
        return [view.model.item_at(r).row.id for r in range(view.model.rowCount())]  # type: ignore[union-attr]

    view.owner.setCurrentIndex(view.owner.findData(staff["Emily Zhou"]))
    assert shown() == [fresh]
    view.owner.setCurrentIndex(0)
    view.age.setCurrentIndex(view.age.findData(7))
    assert shown() == [old]
    view.age.setCurrentIndex(0)
    view.category.setCurrentIndex(view.category.findData("parts"))
    assert shown() == [answered]
    view.category.setCurrentIndex(0)
    view.overdue.setChecked(True)
    assert shown() == [old]
    view.overdue.setChecked(False)
    view.status.setCurrentIndex(view.status.findData("responded"))
    assert shown() == [answered]


def test_dialog_from_the_customer_opens_on_what_happened_with_the_only_car(
    db_path: Path,
    ctx: DeskContext,  # noqa: F811
    qtbot: Any,
) -> None:
    ids = seed().ids
    record = customers.get_customer(ids["Emma Wilson"])
    dialog = ComplaintDialog(ctx, record.id, record.name, vehicles=record.vehicles)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.focusWidget() is dialog.description
    assert dialog.vehicle.currentData() == record.vehicles[0].id
    other = ComplaintDialog(ctx, ids["张伟"], "张伟", vehicles=())
    qtbot.addWidget(other)
    assert other.vehicle.currentData() is None and other.vehicle.currentText() == "—"
    wait_idle(qtbot, ctx)
    dialog.close()
    other.close()


def test_the_list_fits_a_1280_pixel_window_without_scrolling_sideways(
    db_path: Path,
    ctx: DeskContext,  # noqa: F811
    qtbot: Any,
) -> None:
    s = seed()
    complaints.open_complaint(s.ids["张伟"], now=datetime(2026, 11, 10, 9, 0), category="billing",
                              severity="high", description="多收费",
                              assignee_id=s.staff["Emily Zhou"])  # fmt: skip
    view = make_view(ctx, qtbot)
    view.resize(1110, 700)  # what a 1280-pixel main window leaves beside its navigation
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    qtbot.wait(50)
    sizes = [view.table.columnWidth(c) for c in range(view.model.columnCount())]
    assert view.table.horizontalScrollBar().maximum() == 0, (view.table.viewport().width(), sizes)
