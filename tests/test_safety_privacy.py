"""issue #11 item 6: masked phones where lists are read, none in the log, export and erase."""

from __future__ import annotations

import csv
import io
import json
import logging
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from test_cli import run

from dealerdesk.errors import ValidationError
from dealerdesk.logs import setup_logging
from dealerdesk.services import auth, customers, privacy
from dealerdesk.services.auth import PermissionDeniedError
from dealerdesk.services.demo import create_demo
from dealerdesk.store import db

TODAY = date(2026, 11, 23)


def test_risk_masked_by_default_followups_full(tmp_path: Path) -> None:
    path = tmp_path / "desk.db"
    create_demo(path, customers=80, seed=3, today=TODAY)
    db.close()
    masked = run("risk", "--db", str(path), "--today", "2026-11-23", "--format", "csv")
    full = run("risk", "--db", str(path), "--today", "2026-11-23", "--format", "csv",
               "--full-phones")  # fmt: skip
    assert masked.returncode == 0 and full.returncode == 0
    masked_phones = [r["phone"] for r in csv.DictReader(io.StringIO(masked.stdout))]
    full_phones = [r["phone"] for r in csv.DictReader(io.StringIO(full.stdout))]
    assert masked_phones and all("****" in p for p in masked_phones if p)
    assert not any("****" in p for p in full_phones)
    assert [p[:3] for p in masked_phones] == [p[:3] for p in full_phones]
    calls = run("followups", "--db", str(path), "--today", "2026-11-23", "--format", "csv")
    assert calls.returncode == 0 and "****" not in calls.stdout


def test_no_personal_data_in_the_log(tmp_path: Path, dialogs: Any) -> None:
    from dealerdesk.ui import errors as ui_errors

    log_file = setup_logging(tmp_path / "desk.db")
    dialogs.answer(None)
    refused = ValidationError("phone", "+8613912345678 already belongs to 王芳 (#3), zf@qq.com")
    ui_errors.report(refused, None)
    logging.getLogger("dealerdesk.test").warning(
        "saving 139 1234 5678 / 010-87654321 / wang.fang@example.cn failed"
    )
    for handler in logging.getLogger("dealerdesk").handlers:
        handler.flush()
    text = log_file.read_text(encoding="utf-8")
    assert "refused: ValidationError (field phone)" in text
    for secret in ("13912345678", "王芳", "zf@qq.com", "139 1234 5678", "87654321",
                   "wang.fang@example.cn"):  # fmt: skip
        assert secret not in text


def _with_history() -> int:
    cid = customers.create_customer(
        {"name": "王芳", "phone": "13912345678", "email": "wf@qq.com", "notes": "住在天河"},
        today=TODAY,
    ).new_id
    assert cid is not None
    customers.add_vehicle(cid, {"vin": "1M8GDM9AXKP042788", "make": "BYD", "model": "Han",
                                "plate": "粤A12345"}, today=TODAY)  # fmt: skip
    customers.add_visit(cid, {"date": "2026-10-01", "kind": "service", "amount": 880,
                              "notes": "王女士要求洗车"}, today=TODAY)  # fmt: skip
    customers.log_contact(cid, now=datetime(2026, 11, 2, 9), channel="phone", outcome="reached",
                          notes="她说下月来")  # fmt: skip
    customers.record_survey(cid, {"nps": 9, "comment": "服务很好，王芳"}, today=TODAY)
    return cid


def test_one_customers_data_exported(db_path: Path, tmp_path: Path) -> None:
    cid = _with_history()
    other = customers.create_customer({"name": "李雷", "phone": "13800138000"}, today=TODAY)
    out = tmp_path / "wangfang.json"
    done = privacy.export_customer(cid, out)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["customer"]["phone"] == "+8613912345678"
    assert [v["plate"] for v in data["vehicle"]] == ["粤A12345"]
    assert len(data["visit"]) == 1 and len(data["contact_log"]) == 1 and len(data["survey"]) == 1
    assert "13800138000" not in out.read_text(encoding="utf-8") and other.new_id != cid
    assert done.rows >= 5


def _figures() -> tuple[Any, ...]:
    q = db.database.execute_sql
    return (
        q("SELECT count(*), sum(amount) FROM visit").fetchone(),
        q("SELECT count(*) FROM contact_log WHERE outcome = 'reached'").fetchone(),
        q("SELECT count(*), sum(nps) FROM survey").fetchone(),
        q("SELECT count(*) FROM customer").fetchone(),
    )


def test_erasure_keeps_anonymous_counts(db_path: Path) -> None:
    cid = _with_history()
    before = _figures()
    privacy.erase_customer(cid)
    assert _figures() == before
    dump = json.dumps(privacy.store.customer_data(cid), ensure_ascii=False, default=str)
    for secret in ("王芳", "13912345678", "wf@qq.com", "天河", "粤A12345", "1M8GDM9AXKP042788",
                   "洗车", "下月", "服务很好"):  # fmt: skip
        assert secret not in dump
    from dealerdesk.services.customers import CustomerFilter, search_customer_ids

    assert search_customer_ids(CustomerFilter(text="王芳")) == []


def test_front_desk_cannot_erase(db_path: Path) -> None:
    cid = _with_history()
    auth.create_account(name="陈经理", username="chen", role="manager", password="boss-pass")
    auth.create_account(name="李娜", username="lina", role="desk", password="desk-pass")
    auth.sign_in("lina", "desk-pass")
    with pytest.raises(PermissionDeniedError):
        privacy.erase_customer(cid)
    assert customers.get_customer(cid).name == "王芳"
