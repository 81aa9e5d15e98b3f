"""issue #11 item 10: the Settings screen driven as a manager and as front desk."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QSpinBox
from test_ui_customers import ctx, wait_idle  # noqa: F401

from dealerdesk.services import auth, backups, customers, followups, settings
from dealerdesk.store.models import Staff
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.settings_view import SettingsView


def _view(ctx: DeskContext, qtbot: Any) -> SettingsView:  # noqa: F811
    view = SettingsView(ctx)
    qtbot.addWidget(view)
    view.resize(1100, 640)
    view.refresh()
    wait_idle(qtbot, ctx)
    return view


def _rule_row(view: SettingsView, key: str) -> int:
    for i in range(view.rules_table.rowCount()):
        if view.rules_table.item(i, 1).data(Qt.ItemDataRole.UserRole) == key:
            return i
    raise AssertionError(key)


def test_manager_edits_everything(
    db_path: Path,
    ctx: DeskContext,  # noqa: F811
    qtbot: Any,
    dialogs: Any,
) -> None:
    view = _view(ctx, qtbot)
    assert view.rules_table.rowCount() == len(followups.cadence_rules())
    assert "Sign-in is off" in view.sign_in_note.text()
    # general
    view.dealership.clear()
    view.dealership.setText("星河汽车 Galaxy Motors")  # QTest types ASCII only
    view.country.clear()
    qtbot.keyClicks(view.country, "cn")
    qtbot.mouseClick(view.save_general, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx)
    assert settings.dealership_name() == "星河汽车 Galaxy Motors"
    # a rule switched off and moved
    row = _rule_row(view, "touch")
    on, days = view.rules_table.cellWidget(row, 0), view.rules_table.cellWidget(row, 2)
    assert isinstance(on, QCheckBox) and isinstance(days, QSpinBox)
    on.setChecked(False)
    days.setValue(45)
    assert view.rule_edits() == [("touch", False, 45, 60)]
    # the first-service reminder's repeat (issue #16: every 30 days until a service)
    first = _rule_row(view, "first_service")
    repeat = view.rules_table.cellWidget(first, 4)
    assert isinstance(repeat, QSpinBox) and repeat.value() == 30
    assert view.rules_table.item(first, 5).text() == "days between reminders"
    assert view.rules_table.cellWidget(_rule_row(view, "thanks"), 4) is None  # one figure only
    repeat.setValue(21)
    qtbot.mouseClick(view.save_rules, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx)
    rules = {r.key: r for r in followups.cadence_rules()}
    assert (rules["first_service"].limit_days, rules["first_service"].offset_days) == (21, 90)
    assert (rules["touch"].enabled, rules["touch"].offset_days) == (False, 45)
    touch = next(r for r in followups.cadence_rules() if r.key == "touch")
    assert (touch.enabled, touch.offset_days) == (False, 45)
    # two staff members with passwords turn sign-in on
    for name, user, role_index in (("陈经理", "chen", 1), ("李娜", "lina", 0)):
        view.new_name.setText(name)
        qtbot.keyClicks(view.new_user, user)
        view.new_role.setCurrentIndex(role_index)
        qtbot.keyClicks(view.new_password, "password-1")
        qtbot.mouseClick(view.add_staff, Qt.MouseButton.LeftButton)
        wait_idle(qtbot, ctx)
        view.new_name.clear()
        view.new_user.clear()
    assert view.staff_table.rowCount() == 2
    assert view.staff_table.item(0, 2).text() == "Manager"
    assert "Sign-in is on" in view.sign_in_note.text()
    assert Staff.get(Staff.username == "lina").role == "desk"
    # an existing staff member: promoted, and given a new password (by a manager)
    assert not view.set_role.isEnabled()  # sign-in is on and nobody has signed in here
    auth.sign_in("chen", "password-1")
    view.refresh()
    wait_idle(qtbot, ctx)
    view.staff_table.selectRow(1)
    view.role.setCurrentIndex(1)
    qtbot.mouseClick(view.set_role, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx)
    assert Staff.get(Staff.username == "lina").role == "manager"
    assert view.staff_table.item(1, 2).text() == "Manager"
    view.staff_table.selectRow(1)
    qtbot.keyClicks(view.password, "new-pass-9")
    qtbot.mouseClick(view.set_password, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx)
    assert auth.sign_in("lina", "new-pass-9").role == "manager"
    view.refresh()
    wait_idle(qtbot, ctx)
    shown = [view.audit_table.item(i, 2).text() for i in range(view.audit_table.rowCount())]
    assert shown[:3] == ["sign_in", "password", "role"]  # newest first
    assert view.audit_table.item(1, 1).text() == "陈经理"
    # a backup, a change, and the restore of that backup (files; a server has pg_dump)
    if not isinstance(db_path, Path):
        return
    qtbot.mouseClick(view.backup_now, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx)
    assert view.backup_list.count() == 1
    customers.create_customer({"name": "备份后"}, today=ctx.today())
    view.backup_list.setCurrentRow(0)
    dialogs.answer(True)
    qtbot.mouseClick(view.restore, Qt.MouseButton.LeftButton)
    wait_idle(qtbot, ctx)
    assert dialogs.seen[-1][0] == "confirm"
    assert customers.count_customers() == 0


def test_front_desk_sees_greyed_parts_and_is_refused(
    db_path: Path,
    ctx: DeskContext,  # noqa: F811
    qtbot: Any,
    dialogs: Any,
) -> None:
    auth.create_account(name="陈经理", username="chen", role="manager", password="password-1")
    auth.create_account(name="李娜", username="lina", role="desk", password="password-2")
    if isinstance(db_path, Path):
        backups.backup_now(db_path, now=datetime(2026, 11, 22, 18))
    auth.sign_in("lina", "password-2")
    view = _view(ctx, qtbot)
    assert not view.save_rules.isEnabled() and not view.restore.isEnabled()
    assert view.audit_table.rowCount() == 0  # the trail is for managers
    assert not view.add_staff.isEnabled() and view.backup_now.isEnabled()
    row = _rule_row(view, "thanks")
    days = view.rules_table.cellWidget(row, 2)
    assert isinstance(days, QSpinBox)
    days.setValue(9)
    dialogs.answer(None)
    view._save_rules()  # a button that was greyed out: the service still refuses
    wait_idle(qtbot, ctx)
    kind, _title, text = dialogs.seen[-1]
    assert kind == "warning" and "李娜 may not change the rules" in text
    assert next(r for r in followups.cadence_rules() if r.key == "thanks").offset_days != 9
