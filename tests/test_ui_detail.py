"""The customer detail on real widgets: edit and save, bad input, quick actions, guards."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from test_ui_customers import TODAY, ctx, seed, type_text, wait_idle  # noqa: F401

from dealerdesk.services import customers
from dealerdesk.ui.action_dialogs import (
    AddVehicleDialog,
    LogContactDialog,
    NewCustomerDialog,
    run_form,
)
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.customer_detail import CustomerDetail
from dealerdesk.ui.survey_dialog import SurveyDialog
from dealerdesk.ui.timeline_model import TimelineModel, VehiclesModel


@pytest.fixture
def detail(ctx: DeskContext, qtbot: Any) -> CustomerDetail:  # noqa: F811
    widget = CustomerDetail(ctx)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    widget.show()
    return widget


def open_customer(qtbot: Any, detail: CustomerDetail, customer_id: int) -> None:
    with qtbot.waitSignal(detail.loaded, timeout=5000):
        detail.load(customer_id)


def drive(qtbot: Any, steps: Callable[[Any], None]) -> Callable[[QDialog], bool]:
    """A modal answer that shows the real dialog, types into it and lets it save."""

    def answer(dialog: QDialog) -> bool:
        qtbot.addWidget(dialog)
        dialog.show()
        steps(dialog)
        return True

    return answer


# --- edit a field -------------------------------------------------------------------------
def test_edit_and_save_a_field(db_path: Path, detail: CustomerDetail, qtbot: Any) -> None:
    ids = seed().ids
    open_customer(qtbot, detail, ids["王芳"])
    email = detail.form.edits["email"]
    assert not detail.save_button.isEnabled()
    email.setFocus()
    type_text(qtbot, email, "wang.fang@example.cn")
    assert detail.is_dirty() and detail.save_button.isEnabled()
    with qtbot.waitSignal(detail.loaded, timeout=5000):  # saved, broadcast, reloaded
        qtbot.mouseClick(detail.save_button, Qt.MouseButton.LeftButton)
    assert customers.get_customer(ids["王芳"]).email == "wang.fang@example.cn"
    assert not detail.is_dirty() and not detail.save_button.isEnabled()
    assert detail.form.edits["email"].text() == "wang.fang@example.cn"


def test_typing_during_a_save_is_kept(db_path: Path, detail: CustomerDetail, qtbot: Any) -> None:
    """Edits made while the save is on the worker stay unsaved, and are not overwritten."""
    ids = seed().ids
    open_customer(qtbot, detail, ids["王芳"])
    type_text(qtbot, detail.form.edits["email"], "wang.fang@example.cn")
    with qtbot.waitSignal(detail.loaded, timeout=5000):
        qtbot.mouseClick(detail.save_button, Qt.MouseButton.LeftButton)
        type_text(qtbot, detail.form.edits["city"], "佛山")  # before the save has landed
    assert customers.get_customer(ids["王芳"]).email == "wang.fang@example.cn"
    assert detail.is_dirty()
    assert "佛山" in detail.form.edits["city"].text()
    assert set(detail.form.changes()) == {"city"}


def test_ctrl_s_saves(db_path: Path, detail: CustomerDetail, qtbot: Any) -> None:
    ids = seed().ids
    open_customer(qtbot, detail, ids["赵磊"])
    city = detail.form.edits["city"]
    city.setFocus()
    city.selectAll()
    type_text(qtbot, city, "珠海")
    with qtbot.waitSignal(detail.loaded, timeout=5000):
        qtbot.keyClick(city, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert customers.get_customer(ids["赵磊"]).city == "珠海"


@pytest.mark.parametrize(("field", "text", "fragment"), [
    ("phone", "12345", "not a valid number"),
    ("email", "no-at-sign", "not an e-mail address"),
    ("birthday", "1990-02-30", "not a date"),
    ("phone", "13800138000", "already belongs to 张伟国"),
])  # fmt: skip
def test_bad_input_shows_a_message_beside_the_field_and_writes_nothing(
    db_path: Path, detail: CustomerDetail, qtbot: Any, field: str, text: str, fragment: str
) -> None:
    ids = seed().ids
    before = customers.get_customer(ids["李娜"])
    open_customer(qtbot, detail, ids["李娜"])
    edit = detail.form.edits[field]
    edit.setFocus()
    edit.selectAll()
    type_text(qtbot, edit, text)
    qtbot.mouseClick(detail.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, detail.ctx)
    message = detail.form.errors.message(field)
    assert fragment in message
    assert detail.form.errors.labels[field].isVisible()
    assert edit.hasFocus()  # the cursor goes where the problem is
    assert customers.get_customer(ids["李娜"]) == before  # nothing written
    assert detail.is_dirty()  # the user's text is still there to fix


# --- quick actions ------------------------------------------------------------------------
def test_log_a_contact_and_see_it_in_the_timeline(
    db_path: Path, detail: CustomerDetail, qtbot: Any, dialogs: Any
) -> None:
    ids = seed().ids
    open_customer(qtbot, detail, ids["王芳"])
    before = detail.timeline.rowCount()

    def keys(dialog: Any) -> None:  # Ctrl+L's dialog: "2" SMS, "R" reached, Enter
        assert isinstance(dialog, LogContactDialog)
        assert not dialog.save_button.isEnabled()  # no outcome yet: Enter must not save
        qtbot.keyClick(dialog, Qt.Key.Key_2)
        qtbot.keyClick(dialog, Qt.Key.Key_R)
        assert dialog.save_button.isEnabled()
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    dialogs.answer(drive(qtbot, keys))
    with qtbot.waitSignal(detail.loaded, timeout=5000):
        qtbot.mouseClick(detail.buttons["log_contact"], Qt.MouseButton.LeftButton)
    assert detail.timeline.rowCount() == before + 1
    newest = detail.timeline.rows()[0]
    assert newest.kind == "contact" and "sms" in newest.title and "reached" in newest.title
    assert detail.timeline.index(0, 1).data() == "Contact"
    assert dialogs.seen == [("modal", "log_contact", "")]


def test_record_a_complaint_and_a_survey(
    db_path: Path, detail: CustomerDetail, qtbot: Any, dialogs: Any
) -> None:
    ids = seed().ids
    open_customer(qtbot, detail, ids["Emma Wilson"])

    def complaint(dialog: Any) -> None:
        dialog.severity.setCurrentIndex(dialog.severity.findData("high"))
        dialog.description.setPlainText("Waited three hours for an oil change")
        dialog.accept()

    def survey(dialog: Any) -> None:
        dialog.scores["satisfaction"].setValue(4)
        dialog.scores["initiative"].setValue(3)
        dialog.scores["recommend"].setValue(9)
        dialog.accept()

    dialogs.answer(drive(qtbot, complaint))
    with qtbot.waitSignal(detail.loaded, timeout=5000):
        detail.record_complaint()
    dialogs.answer(drive(qtbot, survey))
    with qtbot.waitSignal(detail.loaded, timeout=5000):
        detail.record_survey()
    kinds = [e.kind for e in detail.timeline.rows()]
    assert "complaint" in kinds and "survey" in kinds
    survey_row = next(e for e in detail.timeline.rows() if e.kind == "survey")
    assert survey_row.title == "NPS 9"


def test_survey_with_too_few_answers_is_refused(
    db_path: Path, ctx: DeskContext, qtbot: Any, dialogs: Any  # noqa: F811
) -> None:
    ids = seed().ids
    dialog = SurveyDialog(ctx, ids["张伟"], "张伟")
    qtbot.addWidget(dialog)
    dialogs.answer(lambda d: (d.accept(), True)[1])
    run_form(dialog)
    wait_idle(qtbot, ctx)
    assert "at least three" in dialog.errors.message("satisfaction")
    assert dialog.pending is False and dialog.result() == 0  # still open, nothing saved
    assert [e for e in customers.timeline(ids["张伟"]) if e.kind == "survey"] == []
    dialog.reject()


def test_mark_lost_with_a_reason(db_path: Path, detail: CustomerDetail, qtbot: Any,
                                 dialogs: Any) -> None:  # fmt: skip
    ids = seed().ids
    open_customer(qtbot, detail, ids["赵磊"])

    def lost(dialog: Any) -> None:
        dialog.reason.setCurrentText("Moved to Beijing")
        dialog.accept()

    dialogs.answer(drive(qtbot, lost))
    with qtbot.waitSignal(detail.loaded, timeout=5000):
        detail.mark_lost()
    record = customers.get_customer(ids["赵磊"])
    assert (record.status, record.lost_reason, record.lost_on) == ("lost", "Moved to Beijing", TODAY)
    assert "Moved to Beijing" in detail.subtitle.text()
    assert not detail.buttons["mark_lost"].isEnabled()


def test_schedule_a_follow_up_from_the_detail(db_path: Path, detail: CustomerDetail, qtbot: Any,
                                             dialogs: Any) -> None:  # fmt: skip
    from datetime import timedelta

    from dealerdesk.services import followups

    ids = seed().ids
    open_customer(qtbot, detail, ids["赵磊"])
    day = TODAY + timedelta(days=3)

    def plan(dialog: Any) -> None:
        dialog.due.setDate(day)  # issue #7: a date picker (QDateEdit), no typed text
        type_text(qtbot, dialog.reason, "call about the winter tyre offer")
        dialog.accept()

    dialogs.answer(drive(qtbot, plan))
    detail.schedule_followup()
    wait_idle(qtbot, detail.ctx)
    planned = [r for r in followups.day_agenda(day=day) if r.customer_id == ids["赵磊"]]
    assert [(r.kind, r.reason) for r in planned] == [("manual", "call about the winter tyre offer")]


def test_add_vehicle_checks_the_vin(db_path: Path, ctx: DeskContext, qtbot: Any,  # noqa: F811
                                    dialogs: Any) -> None:  # fmt: skip
    ids = seed().ids
    dialog = AddVehicleDialog(ctx, ids["张伟"], "张伟")
    qtbot.addWidget(dialog)
    for key, value in (("vin", "LSVAU033912345675"), ("make", "BYD"), ("model", "Seal")):
        dialog.edits[key].setText(value)
    dialogs.answer(lambda d: (d.accept(), True)[1])
    run_form(dialog)
    wait_idle(qtbot, ctx)
    assert "check digit" in dialog.errors.message("vin")
    assert customers.get_customer(ids["张伟"]).vehicles == ()
    saved: list[object] = []
    dialog.saved.connect(saved.append)
    dialog.edits["vin"].setText("LFV2A21K1A3012345")
    with qtbot.waitSignal(dialog.saved, timeout=5000):
        dialog.accept()
    assert [v.vin for v in customers.get_customer(ids["张伟"]).vehicles] == ["LFV2A21K1A3012345"]


def test_new_customer_requires_a_name(db_path: Path, ctx: DeskContext, qtbot: Any,  # noqa: F811
                                      dialogs: Any) -> None:  # fmt: skip
    seed()
    count = customers.count_customers()
    dialog = NewCustomerDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.edits["phone"].setText("139 0000 1111")
    dialogs.answer(lambda d: (d.accept(), True)[1])
    run_form(dialog)
    wait_idle(qtbot, ctx)
    assert dialog.errors.message("name") == "is required"
    assert customers.count_customers() == count
    dialog.edits["name"].setText("孙悦")
    with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
        dialog.accept()
    assert customers.get_customer(saved.args[0].new_id).name == "孙悦"


def test_delete_asks_first(db_path: Path, detail: CustomerDetail, qtbot: Any,
                          dialogs: Any) -> None:  # fmt: skip
    ids = seed().ids
    open_customer(qtbot, detail, ids["欧阳娜娜"])
    dialogs.answer(False)
    detail.delete_customer()
    wait_idle(qtbot, detail.ctx)
    assert not customers.get_customer(ids["欧阳娜娜"]).archived
    dialogs.answer(True)
    with qtbot.waitSignal(detail.back_requested, timeout=5000):
        detail.delete_customer()
    assert customers.get_customer(ids["欧阳娜娜"]).archived
    assert dialogs.seen[0][0] == "confirm" and "欧阳娜娜" in dialogs.seen[0][2]


# --- leaving with unsaved edits -----------------------------------------------------------
def test_unsaved_changes_guard(db_path: Path, detail: CustomerDetail, qtbot: Any,
                               dialogs: Any) -> None:  # fmt: skip
    ids = seed().ids
    open_customer(qtbot, detail, ids["张伟"])
    left: list[str] = []
    detail.form.edits["wechat"].setText("zhangwei88")
    detail.form.edits["wechat"].textEdited.emit("zhangwei88")
    assert detail.is_dirty()

    dialogs.answer("cancel")
    detail.request_leave(lambda: left.append("gone"))
    assert left == [] and detail.is_dirty()

    dialogs.answer("discard")
    detail.request_leave(lambda: left.append("discarded"))
    assert left == ["discarded"] and not detail.is_dirty()
    assert detail.form.edits["wechat"].text() == ""

    detail.form.edits["wechat"].setText("zhangwei88")
    detail.form.edits["wechat"].textEdited.emit("zhangwei88")
    dialogs.answer("save")
    detail.request_leave(lambda: left.append("saved"))
    qtbot.waitUntil(lambda: left == ["discarded", "saved"], timeout=5000)
    assert customers.get_customer(ids["张伟"]).wechat == "zhangwei88"
    wait_idle(qtbot, detail.ctx)


def test_save_refused_keeps_you_here(db_path: Path, detail: CustomerDetail, qtbot: Any,
                                     dialogs: Any) -> None:  # fmt: skip
    ids = seed().ids
    open_customer(qtbot, detail, ids["张伟"])
    detail.form.edits["email"].setText("broken")
    detail.form.edits["email"].textEdited.emit("broken")
    left: list[str] = []
    dialogs.answer("save")
    detail.request_leave(lambda: left.append("gone"))
    wait_idle(qtbot, detail.ctx)
    assert left == [] and "e-mail" in detail.form.errors.message("email")


# --- the detail's models ------------------------------------------------------------------
def test_timeline_and_vehicle_models_pass_the_model_tester(
    db_path: Path, detail: CustomerDetail, qtbot: Any, qtmodeltester: Any
) -> None:
    ids = seed().ids
    open_customer(qtbot, detail, ids["王芳"])
    assert isinstance(detail.timeline, TimelineModel) and detail.timeline.rowCount() == 2
    assert isinstance(detail.vehicles, VehiclesModel) and detail.vehicles.rowCount() == 1
    qtmodeltester.check(detail.timeline)
    qtmodeltester.check(detail.vehicles)
    dates = [e.at for e in detail.timeline.rows()]
    assert dates == sorted(dates, reverse=True)  # newest first
    assert detail.vehicles.index(0, 0).data() == "粤B ZW789"
