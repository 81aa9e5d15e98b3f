"""issue #11 in the window: a damaged file offers the last good backup; exit backs up."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from test_ui_customers import wait_idle

from dealerdesk import app as desk_app
from dealerdesk.services import backups
from dealerdesk.services.demo import create_demo
from dealerdesk.store import backup as store_backup
from dealerdesk.store import db


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for n in range(3, len(data) // 4096, 2):
        data[n * 4096 : n * 4096 + 64] = b"\xa5" * 64
    path.write_bytes(bytes(data))


def test_damaged_file_offers_the_last_good_backup(tmp_path: Path, qtbot: Any, dialogs: Any) -> None:
    path = tmp_path / "desk.db"
    create_demo(path, customers=90, seed=8, today=date(2026, 11, 23))
    good = backups.backup_now(path, now=datetime(2026, 11, 22, 18))
    db.close()
    _damage(path)
    dialogs.answer(True)  # "Restore the last good backup now?" → Yes
    desk = desk_app.build(["--db", str(path), "--today", "2026-11-23"])
    assert not isinstance(desk, int)
    try:
        kind, _title, text = dialogs.seen[0]
        assert kind == "confirm" and "is damaged" in text and str(good.path) in text
        wait_idle(qtbot, desk.ctx)
        assert desk.window.customers.model.rowCount() == 90
    finally:
        desk.close()
    assert len(list(tmp_path.glob("desk.before-restore-*.db"))) == 1


def test_damaged_file_refused_when_restore_declined(
    tmp_path: Path, qtbot: Any, dialogs: Any
) -> None:
    path = tmp_path / "desk.db"
    create_demo(path, customers=40, seed=8, today=date(2026, 11, 23))
    backups.backup_now(path, now=datetime(2026, 11, 22, 18))
    db.close()
    _damage(path)
    dialogs.answer(False, None)  # No, then the "cannot start" error
    assert desk_app.build(["--db", str(path)]) == 1
    assert dialogs.seen[1][0] == "error" and "is damaged" in dialogs.seen[1][2]


def test_exit_backs_up_once_a_day(db_path: Path) -> None:
    if not isinstance(db_path, Path):
        desk_app.backup_on_exit(db_path)  # a server database: nothing, and no error
        return
    desk_app.backup_on_exit(db_path)
    desk_app.backup_on_exit(db_path)
    assert len(store_backup.list_backups(db_path)) == 1


def _accounts(path: Path) -> None:
    from dealerdesk.services import auth
    from dealerdesk.store import open_database
    from dealerdesk.store.models import Staff

    open_database(path)
    auth.set_password(Staff.get(Staff.username == "chen").id, "boss-pass")
    auth.set_password(Staff.get(Staff.username == "lina").id, "desk-pass")
    db.close()


def test_sign_in_at_start_shows_who(tmp_path: Path, qtbot: Any, dialogs: Any) -> None:
    from PySide6.QtCore import Qt

    path = tmp_path / "desk.db"
    create_demo(path, customers=30, seed=8, today=date(2026, 11, 23))
    db.close()
    _accounts(path)
    seen: dict[str, Any] = {}

    def person(dialog: Any) -> bool:
        qtbot.addWidget(dialog)
        qtbot.keyClicks(dialog.user, "lina")
        qtbot.keyClicks(dialog.password, "wrong-one")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        seen["problem"] = dialog.problem.text()
        seen["visible"] = not dialog.problem.isHidden()
        dialog.password.clear()
        qtbot.keyClicks(dialog.password, "desk-pass")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return dialog.result() == dialog.DialogCode.Accepted

    dialogs.answer(person)
    desk = desk_app.build(["--db", str(path), "--today", "2026-11-23"])
    assert not isinstance(desk, int)
    try:
        wait_idle(qtbot, desk.ctx)
        assert seen == {"problem": "wrong user name or password", "visible": True}
        assert desk.ctx.staff_name == "李娜" and desk.ctx.signed_in
        assert desk.window.user_label.text() == "Signed in: 李娜"
        from dealerdesk.store.models import Staff

        assert desk.ctx.staff_id == Staff.get(Staff.username == "lina").id
    finally:
        desk.close()


def test_sign_in_cancelled_does_not_start(tmp_path: Path, qtbot: Any, dialogs: Any) -> None:
    path = tmp_path / "desk.db"
    create_demo(path, customers=20, seed=8, today=date(2026, 11, 23))
    db.close()
    _accounts(path)
    dialogs.answer(False)
    assert desk_app.build(["--db", str(path)]) == 1
    assert dialogs.seen[0][:2] == ("modal", "sign_in")


def test_one_person_desk_works_as_the_owner(tmp_path: Path, qtbot: Any) -> None:
    path = tmp_path / "desk.db"
    create_demo(path, customers=20, seed=8, today=date(2026, 11, 23))
    db.close()
    desk = desk_app.build(["--db", str(path), "--today", "2026-11-23"])
    assert not isinstance(desk, int)
    try:
        wait_idle(qtbot, desk.ctx)
        assert desk.ctx.staff_name == "陈经理" and not desk.ctx.signed_in  # the demo's manager
        assert desk.window.user_label.text() == "Working as: 陈经理"
    finally:
        desk.close()


def test_window_names_a_full_disk_in_one_sentence(db_path: Path, dialogs: Any) -> None:
    import sqlite3

    from dealerdesk.ui import errors

    if not isinstance(db_path, Path):
        return
    dialogs.answer(None)
    try:
        try:
            raise sqlite3.OperationalError("database or disk is full")
        except sqlite3.OperationalError as inner:
            raise RuntimeError("the save failed") from inner
    except RuntimeError as exc:
        errors.report(exc, None)
    kind, _title, text = dialogs.seen[0]
    assert kind == "warning"
    assert (
        text == f"The disk is full: {db_path} could not be written; nothing saved before was lost."
    )
