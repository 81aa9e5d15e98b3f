# ruff: noqa: F811  (pytest fixtures imported from the neighbouring test modules)
"""Issue #16 on real widgets: the per-vehicle pause panel on the customer page, the
outcome choices of the log-contact and complete dialogs, the outcome delays in Settings,
and the renewal list."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from test_ui_customers import TODAY, ctx, seed, wait_idle  # noqa: F401
from test_ui_detail import detail, drive, open_customer  # noqa: F401

from dealerdesk.services import aftersales, customers, followups
from dealerdesk.store.models import ContactPause, Vehicle
from dealerdesk.ui.action_dialogs import LogContactDialog
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.customer_detail import CustomerDetail
from dealerdesk.ui.followup_dialogs import CompleteDialog
from dealerdesk.ui.outcome_delays import OutcomeDelaysTab
from dealerdesk.ui.renewals_view import RenewalsView
from dealerdesk.vocab.contact import Outcome


def cells(table: Any) -> list[list[str]]:
    return [[table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
            for r in range(table.rowCount())]  # fmt: skip


def test_pause_panel_shows_why_and_sets_and_clears_do_not_contact(
    db_path: Path,
    detail: CustomerDetail,
    qtbot: Any,
    dialogs: Any,
) -> None:
    ids = seed().ids
    open_customer(qtbot, detail, ids["王芳"])
    panel = detail.pauses
    wait_idle(qtbot, detail.ctx)
    assert [row[4] for row in cells(panel.table)] == ["Contacted as the rules say"]
    assert not panel.clear_button.isEnabled()

    def fill(dialog: Any) -> None:
        dialog.kind.setCurrentIndex(dialog.kind.findData("insurance"))
        dialog.accept()  # no reason: refused beside the field, nothing written
        qtbot.waitUntil(lambda: not dialog.pending, timeout=5000)
        assert ContactPause.select().count() == 0 and dialog.isVisible()
        dialog.reason.setText("客户要求不再打续保电话")
        dialog.accept()

    dialogs.answer(drive(qtbot, fill))
    qtbot.mouseClick(panel.pause_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "客户要求不再打续保电话" in str(cells(panel.table)), timeout=5000)
    (row,) = cells(panel.table)
    assert row[2:5] == ["Insurance renewal", "Paused", "客户要求不再打续保电话"]
    assert row[5] == "until cleared"
    panel.table.selectRow(0)
    assert panel.clear_button.isEnabled()
    dialogs.answer(True)  # "Contact this car again?" — yes
    qtbot.mouseClick(panel.clear_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Contacted as the rules say" in str(cells(panel.table)), timeout=5000)
    assert ContactPause.get().cleared_at is not None
    wait_idle(qtbot, detail.ctx)  # the page's reload lands before it is closed


def test_log_contact_offers_every_outcome_and_car_sold_closes_the_car(
    db_path: Path,
    detail: CustomerDetail,
    qtbot: Any,
    dialogs: Any,
) -> None:
    ids = seed().ids
    open_customer(qtbot, detail, ids["王芳"])

    def sold(dialog: Any) -> None:
        assert isinstance(dialog, LogContactDialog)
        offered = {str(b.property("value")) for b in dialog.outcomes.buttons()}
        assert offered == set(Outcome)  # built from the vocabulary
        assert "Car sold  [S]" in [b.text() for b in dialog.outcomes.buttons()]
        extras = dialog.outcome_extras
        assert not extras.vehicle.isEnabled()
        qtbot.keyClick(dialog, Qt.Key.Key_S)  # S: car sold
        assert extras.vehicle.isEnabled() and extras.vehicle_id() is not None  # the only car
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    dialogs.answer(drive(qtbot, sold))
    with qtbot.waitSignal(detail.loaded, timeout=5000):
        qtbot.mouseClick(detail.buttons["log_contact"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Closed" in str(cells(detail.pauses.table)), timeout=5000)
    (row,) = cells(detail.pauses.table)
    assert row[2] == "Every contact" and "车子转让" in row[4]
    wait_idle(qtbot, detail.ctx)


def test_complete_dialog_offers_the_new_outcomes_by_letter(db_path: Path, qtbot: Any) -> None:
    ids = seed().ids
    vid = Vehicle.get(Vehicle.customer == ids["王芳"]).id
    Vehicle.update(insurance_end=TODAY + timedelta(days=45)).where(Vehicle.id == vid).execute()
    followups.generate_followups(today=TODAY)
    row = next(r for r in followups.due_followups(today=TODAY) if r.kind == "insurance")
    assert "Renewal (续保) call 1 of 3" in row.reason
    dialog = CompleteDialog(row, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    for key, outcome in ((Qt.Key.Key_S, "car_sold"), (Qt.Key.Key_I, "insured_else"),
                         (Qt.Key.Key_E, "service_else")):  # fmt: skip
        qtbot.keyClick(dialog, key)
        assert dialog.outcome() == outcome
    assert dialog.findChild(object, "outcome_insured_else").text() == "Insured elsewhere    [I]"
    dialog.close()


def test_settings_outcome_delays_are_edited_and_saved(
    db_path: Path,
    ctx: DeskContext,
    qtbot: Any,
) -> None:
    tab = OutcomeDelaysTab(ctx)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(lambda: tab.table.rowCount() == len(Outcome), timeout=5000)
    assert tab.codes == [str(o) for o in Outcome]
    row = tab.codes.index("insured_else")
    assert tab.table.item(row, 0).text() == "Insured elsewhere"
    assert "renewal calls pause" in tab.table.item(row, 2).text()
    tab.table.cellWidget(row, 1).setValue(330)
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx)
    assert aftersales.outcome_delay("insured_else") == 330


def test_renewal_list_filters_cars_insured_elsewhere(
    db_path: Path,
    ctx: DeskContext,
    qtbot: Any,
) -> None:
    ids = seed().ids
    cars = {n: Vehicle.get(Vehicle.customer == ids[n]) for n in ("王芳", "Emma Wilson")}
    Vehicle.update(insurance_end=TODAY + timedelta(days=20), insurance_kind="compulsory",
                   insurer="人保财险").where(Vehicle.id == cars["王芳"].id).execute()  # fmt: skip
    Vehicle.update(insurance_end=TODAY + timedelta(days=40), insurance_kind="both",
                   insurer="平安保险", insured_here=False
                   ).where(Vehicle.id == cars["Emma Wilson"].id).execute()  # fmt: skip
    customers.add_visit(ids["Emma Wilson"], {"date": TODAY - timedelta(days=30), "kind": "service",
                                             "vehicle_id": cars["Emma Wilson"].id, "amount": 800},
                        today=TODAY)  # fmt: skip
    view = RenewalsView(ctx)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=5000)
    assert view.model.index(0, 4).data() == "Compulsory (交强险)"
    assert view.model.index(1, 6).data() == "Elsewhere — services here"
    view.elsewhere.setChecked(True)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=5000)
    assert view.model.index(0, 5).data() == "平安保险"
    assert "1 policies; 1 insured elsewhere" in view.summary.text()


def test_complete_dialog_asks_which_car_a_car_less_follow_up_s_outcome_is_about(
    db_path: Path,
    ctx: DeskContext,
    qtbot: Any,
    dialogs: Any,
) -> None:
    """A call planned by hand names no car; "car sold" for a customer with two cars asks
    which (Save waits for it), and the pause and the new-owner call go to that car."""
    from PySide6.QtWidgets import QWidget

    from dealerdesk.ui.followup_dialogs import FollowupActions

    ids = seed().ids
    cid = ids["王芳"]
    first = Vehicle.get(Vehicle.customer == cid)
    second = Vehicle.create(customer=cid, make="BYD", model="Han", plate="粤B77777",
                            vin="LGXCE4CB0N0000077")  # fmt: skip
    followups.schedule_followup(customer_id=cid, due=TODAY, reason="问问新车的情况", today=TODAY)
    row = next(r for r in followups.due_followups(today=TODAY) if r.kind == "manual")
    assert row.vehicle == ""
    host = QWidget()
    qtbot.addWidget(host)
    actions = FollowupActions(ctx, host)

    def sold(dialog: Any) -> bool:
        assert isinstance(dialog, CompleteDialog)
        qtbot.waitUntil(lambda: dialog.extras.vehicle.count() == 3, timeout=5000)  # — + 2 cars
        assert dialog.extras.vehicle.isVisibleTo(dialog)
        assert not dialog.extras.vehicle.isEnabled()  # "reached" needs no car
        qtbot.keyClick(dialog, Qt.Key.Key_S)  # car sold
        assert dialog.outcome() == "car_sold" and dialog.extras.vehicle.isEnabled()
        assert not dialog._ok.isEnabled()  # which car?
        dialog.extras.vehicle.setCurrentIndex(dialog.extras.vehicle.findData(second.id))
        assert dialog._ok.isEnabled() and dialog.vehicle_id() == second.id
        assert "粤B77777" in dialog.extras.vehicle.currentText()
        return True

    dialogs.answer(sold)
    assert actions.complete(row)
    wait_idle(qtbot, ctx)
    pauses = list(ContactPause.select())
    assert [(p.vehicle_id, p.state) for p in pauses] == [(second.id, "closed")]
    asks = [r for r in followups.due_followups(today=TODAY, days=30) if r.kind == "new_owner"]
    assert [a.vehicle for a in asks] == ["粤B77777 · BYD Han"] and first.id != second.id


def test_a_follow_up_about_a_car_asks_no_car(db_path: Path, qtbot: Any) -> None:
    ids = seed().ids
    vid = Vehicle.get(Vehicle.customer == ids["王芳"]).id
    Vehicle.update(insurance_end=TODAY + timedelta(days=45)).where(Vehicle.id == vid).execute()
    followups.generate_followups(today=TODAY)
    row = next(r for r in followups.due_followups(today=TODAY) if r.kind == "insurance")
    asked: list[object] = []
    dialog = CompleteDialog(row, today=TODAY, load_cars=asked.append)
    qtbot.addWidget(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_S)
    assert asked == [] and dialog._ok.isEnabled() and dialog.vehicle_id() is None
    dialog.close()
