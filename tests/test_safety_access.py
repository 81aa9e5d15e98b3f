"""issue #11 items 4, 5, 8: sign-in and roles checked in services; the append-only audit trail."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

import pytest
from peewee import DatabaseError
from test_cli import one_clear_line, run

from dealerdesk.errors import ValidationError
from dealerdesk.services import auth, backups, customers, followups, settings
from dealerdesk.services.audit import audit_trail
from dealerdesk.services.auth import PermissionDeniedError
from dealerdesk.services.demo import create_demo
from dealerdesk.store import db
from dealerdesk.store.audit import audit_rows
from dealerdesk.store.models import Staff

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 10, 0)


def _staff(name: str, username: str, role: str) -> int:
    return int(Staff.create(name=name, username=username, role=role).id)


def test_audit_trail_refuses_update_and_delete(db_path: Path) -> None:
    customers.create_customer({"name": "王芳"}, today=TODAY)
    assert len(audit_rows()) == 1
    for sql in ("UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(DatabaseError, match="append-only"), db.database.atomic():
            db.database.execute_sql(sql)
    assert [r.action for r in audit_rows()] == ["create"]


def test_upgraded_file_gets_the_triggers(tmp_path: Path) -> None:
    import shutil

    from dealerdesk.store import open_database

    path = tmp_path / "old.db"
    shutil.copy(Path(__file__).parent / "data" / "schema_v1.db", path)
    open_database(path)
    customers.create_customer({"name": "王芳"}, today=TODAY)  # a row for the trigger to guard
    with pytest.raises(DatabaseError, match="append-only"), db.database.atomic():
        db.database.execute_sql("DELETE FROM audit_log")
    db.close()


def test_sign_in_off_for_one_person_on_from_the_second_account(db_path: Path) -> None:
    assert not auth.sign_in_required()
    assert auth.open_without_sign_in() is None  # no staff at all yet
    boss = auth.create_account(name="陈经理", username="Chen", role="manager", password="s3cret-1")
    assert not auth.sign_in_required()
    owner = auth.open_without_sign_in()
    assert owner is not None and owner.staff_id == boss and not owner.signed_in
    stored = Staff.get_by_id(boss).password_hash
    assert stored.startswith("$argon2id$") and "s3cret-1" not in stored
    auth.create_account(name="李娜", username="lina", role="desk", password="desk-pass")
    assert auth.sign_in_required()
    with pytest.raises(PermissionDeniedError, match="Sign-in is on"):
        auth.open_without_sign_in()
    with pytest.raises(ValidationError) as err:
        auth.sign_in("lina", "wrong-pass")
    assert err.value.field == "password"
    with pytest.raises(ValidationError):
        auth.sign_in("nobody", "desk-pass")
    with pytest.raises(ValidationError, match="at least 8"):
        auth.set_password(boss, "short")
    session = auth.sign_in("lina", "desk-pass")
    assert session.role == "desk" and session.signed_in


def _two_accounts() -> tuple[int, int]:
    boss = auth.create_account(name="陈经理", username="chen", role="manager", password="boss-pass")
    desk = auth.create_account(name="李娜", username="lina", role="desk", password="desk-pass")
    return boss, desk


def test_front_desk_refused_in_services(db_path: Path, tmp_path: Path) -> None:
    boss, desk = _two_accounts()
    made = backups.backup_now(db_path, now=NOW)
    auth.sign_in("lina", "desk-pass")
    followups.ensure_cadence_rules()
    refused = [
        lambda: backups.restore(db_path, made.path, now=NOW),
        lambda: followups.update_cadence_rule(key="touch", offset_days=100),
        lambda: auth.set_role(desk, "admin"),
        lambda: auth.create_account(name="X", username="x", role="desk", password="12345678"),
        lambda: auth.set_password(boss, "new-pass-1"),
        lambda: audit_trail(),
    ]
    for action in refused:
        with pytest.raises(PermissionDeniedError, match="李娜 may not"):
            action()
    assert Staff.get_by_id(desk).role == "desk"
    auth.set_password(desk, "desk-pass-2")  # one's own password is allowed
    auth.sign_in("chen", "boss-pass")
    followups.update_cadence_rule(key="touch", offset_days=100)
    auth.set_role(desk, "manager")
    trail = audit_trail()
    assert [(r.action, r.entity, r.staff_name) for r in trail[-2:]] == [
        ("update", "cadence_rule", "陈经理"),
        ("role", "staff", "陈经理"),
    ]
    if isinstance(db_path, Path):  # a server database is restored with pg_restore
        backups.restore(db_path, made.path, now=NOW)
        assert audit_trail()[-1].action == "restore"


def test_every_change_names_who(db_path: Path) -> None:
    from dealerdesk.services import complaints

    _two_accounts()
    session = auth.sign_in("lina", "desk-pass")
    cid = customers.create_customer({"name": "王芳", "phone": "13912345678"}, today=TODAY).new_id
    assert cid is not None
    customers.log_contact(cid, now=NOW, channel="phone", outcome="reached",
                          staff_id=session.staff_id)  # fmt: skip
    customers.record_survey(cid, {"nps": 9}, today=TODAY)
    complaints.open_complaint(cid, now=NOW, category="service", severity="low",
                              description="等太久", staff_id=session.staff_id)  # fmt: skip
    settings.set_value("dealership", "星河汽车")
    rows = audit_rows()
    by = {(r.entity, r.action): r.staff_name for r in rows}
    for key in [("customer", "create"), ("contact", "create"), ("survey", "create"),
                ("complaint", "open"), ("setting", "set")]:  # fmt: skip
        assert by[key] == "李娜", key


def test_cli_user_and_audit(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    create_demo(path, customers=30, seed=2, today=TODAY)
    settings.set_value("dealership", "星河汽车")
    db.close()
    ok = run("audit", "--db", str(path))
    assert ok.returncode == 0, ok.stderr
    assert "set" in ok.stdout and "星河汽车" in ok.stdout
    from dealerdesk.store import open_database

    open_database(path)
    chen = Staff.get(Staff.username == "chen").id  # the demo's manager and a front desk
    lina = Staff.get(Staff.username == "lina").id
    auth.set_password(chen, "boss-pass")
    auth.set_password(lina, "desk-pass")
    db.close()
    line = one_clear_line(run("audit", "--db", str(path)))
    assert "Sign-in is on" in line
    line = one_clear_line(run("audit", "--db", str(path), "--user", "lina",
                              env={"DEALERDESK_PASSWORD": "desk-pass"}))  # fmt: skip
    assert "李娜 may not read the audit trail" in line
    ok = run("audit", "--db", str(path), "--user", "chen", "--since", "2000-01-01",
             env={"DEALERDESK_PASSWORD": "boss-pass"})  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    assert "sign_in" in ok.stdout and "陈经理" in ok.stdout
    assert "DEALERDESK_PASSWORD" not in os.environ


def test_front_desk_cannot_merge_or_export_everything(db_path: Path, tmp_path: Path) -> None:
    from dealerdesk.services import duplicates, exporting

    a = customers.create_customer({"name": "王芳", "phone": "13912345678"}, today=TODAY).new_id
    b = customers.create_customer({"name": "王 芳"}, today=TODAY).new_id
    assert a is not None and b is not None
    _two_accounts()
    auth.sign_in("lina", "desk-pass")
    with pytest.raises(PermissionDeniedError, match="merge customers"):
        duplicates.merge_customers(keep=a, drop=b, today=TODAY, now=NOW)
    with pytest.raises(PermissionDeniedError, match="export every customer"):
        exporting.export("customers", tmp_path / "all.csv")
    assert not (tmp_path / "all.csv").exists()
    exporting.export_customers(tmp_path / "shown.csv", ids=[a])  # the list on screen: allowed
    auth.sign_in("chen", "boss-pass")
    duplicates.merge_customers(keep=a, drop=b, today=TODAY, now=NOW)
    assert exporting.export("customers", tmp_path / "all.csv").rows == 1
    trail = audit_rows()
    assert (trail[-1].action, trail[-1].entity, trail[-1].staff_name) == (
        "export",
        "customers",
        "陈经理",
    )
    assert any(r.action == "merge" for r in trail)
