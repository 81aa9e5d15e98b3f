"""``dealerdesk report partner`` through a subprocess: the PDF's text (pdftotext) holds
the customers exchanged both ways, Chinese names included, and the totals."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from dealerdesk.services import customers, partners
from dealerdesk.store import db

TODAY = date(2026, 11, 23)
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dealerdesk", *args], capture_output=True,
                          text=True, env=dict(os.environ), timeout=120, check=False)  # fmt: skip


def _arrange() -> None:
    pid = partners.save_partner(None, {"name": "米其林驰加南山店", "kind": "tyre_shop",
                                       "contact_person": "周经理"}).new_id  # fmt: skip
    partners.save_partner(None, {"name": "平安保险", "kind": "insurer"})
    ids = {name: customers.create_customer({"name": name, "phone": phone}, today=TODAY).new_id
           for name, phone in (("欧阳娜娜", "13688886666"), ("Emma Wilson", "13800138000"),
                               ("赵磊", "13533334444"))}  # fmt: skip
    assert pid is not None
    partners.add_exchange(pid, ids["欧阳娜娜"], "from_partner", on=date(2026, 10, 1), today=TODAY)
    customers.add_visit(ids["欧阳娜娜"], {"date": date(2026, 10, 31), "kind": "service",  # type: ignore[arg-type]
                                          "amount": 1234.5}, today=TODAY)  # fmt: skip
    x = partners.add_exchange(pid, ids["Emma Wilson"], "to_partner", on=date(2026, 9, 1),
                              today=TODAY).new_id  # fmt: skip
    partners.add_spend(x, on=date(2026, 10, 1), amount=880, today=TODAY)  # type: ignore[arg-type]
    partners.add_spend(x, on=date(2026, 11, 1), amount=99, today=TODAY)  # type: ignore[arg-type]
    db.close()


@needs_poppler
@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_report_partner_writes_the_customers_and_totals(db_path: Path, tmp_path: Path,
                                                       lang: str) -> None:  # fmt: skip
    _arrange()
    out = tmp_path / "statement.pdf"
    r = run(
        "--lang",
        lang,
        "report",
        "partner",
        "--db",
        str(db_path),
        "--partner",
        "驰加",
        "--from",
        "2026-10-01",
        "--to",
        "2026-10-31",
        "--today",
        "2026-11-23",
        "--out",
        str(out),
    )
    assert r.returncode == 0, r.stderr
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    assert "欧阳娜娜" in text and "Emma Wilson" in text and "赵磊" not in text
    assert "¥1,234.50" in text and "¥880.00" in text and "¥99.00" not in text
    assert "136****6666" in text  # masked by default
    if lang == "en":
        assert "Partner statement" in text and "Customers you sent us" in text
        assert "Total: 1 customer, ¥1,234.50" in text and "Total: 1 customer, ¥880.00" in text
        assert r.stdout.startswith(f"wrote {out} (1 page")
        assert "1 sent to us ¥1,234.50, 1 sent to them ¥880.00" in r.stdout
    else:
        assert "合作方对账单" in text and "贵方介绍给我们的客户" in text
        assert "合计：1位客户，¥1,234.50" in text and "合计：1位客户，¥880.00" in text


def test_report_partner_refuses_unknown_partner_and_backwards_period(db_path: Path,
                                                                   tmp_path: Path) -> None:  # fmt: skip
    _arrange()
    out = tmp_path / "s.pdf"
    r = run("report", "partner", "--db", str(db_path), "--partner", "florist", "--out", str(out))
    assert r.returncode == 1 and "No partner is called “florist”" in r.stderr
    r = run(
        "report",
        "partner",
        "--db",
        str(db_path),
        "--partner",
        "平安",
        "--from",
        "2026-10-31",
        "--to",
        "2026-10-01",
        "--out",
        str(out),
    )
    assert r.returncode == 1 and "ends (1 Oct 2026) before it starts" in r.stderr
    assert not out.exists()
