"""Exports: Excel-safe CSV and .xlsx, formula cells neutralised, vCard and iCalendar, and an
export -> import round trip that changes nothing."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from dealerdesk.errors import ValidationError
from dealerdesk.services import exporting, importing, vcards
from dealerdesk.services.demo import create_demo

TODAY = date(2026, 12, 1)
NOW = datetime(2026, 12, 1, 9, 30)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+1", "'=1+1"), ("+86 139", "'+86 139"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"),
     ("\tx", "'\tx"), ("\rx", "'\rx"), ("张三", "张三"), ("a=b", "a=b"), (5, 5), (-5, -5)],
)  # fmt: skip
def test_neutralise(value: object, expected: object) -> None:
    assert exporting.neutralise(value) == expected


def _customer_with_formula_name(db_path: Path) -> None:
    from dealerdesk.services import customers

    customers.create_customer({"name": "=HYPERLINK(\"http://x\")", "phone": "13912345678",
                               "notes": "@cmd", "city": "-深圳"}, today=TODAY)  # fmt: skip
    customers.create_customer({"name": "李四", "phone": "+44 20 7946 0958"}, today=TODAY)


def test_csv_has_a_bom_and_no_live_formulas(db_path: Path, tmp_path: Path) -> None:
    _customer_with_formula_name(db_path)
    out = exporting.export_customers(tmp_path / "c.csv")
    assert out.rows == 2
    raw = (tmp_path / "c.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'@cmd" in text and "'-深圳" in text
    assert "'+44 20 7946 0958" in text and "139 1234 5678" in text
    for line in text.splitlines()[1:]:
        for cell in line.split(","):
            assert not cell.startswith(("=", "+", "-", "@", '"=')), cell


def test_xlsx_cells_are_text_not_formulas(db_path: Path, tmp_path: Path) -> None:
    _customer_with_formula_name(db_path)
    exporting.export_customers(tmp_path / "c.xlsx")
    sheet = load_workbook(tmp_path / "c.xlsx").active
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    assert sheet["A2"].value == '\'=HYPERLINK("http://x")'


def test_export_filters_follow_the_list(db_path: Path, tmp_path: Path) -> None:
    from dealerdesk.services import customers

    a = customers.create_customer({"name": "甲", "phone": "13900000001"}, today=TODAY).new_id
    customers.create_customer({"name": "乙", "phone": "13900000002"}, today=TODAY)
    out = exporting.export_customers(tmp_path / "one.csv", ids=[a])  # type: ignore[list-item]
    assert out.rows == 1
    assert "乙" not in (tmp_path / "one.csv").read_text(encoding="utf-8-sig")


def test_bad_format_and_folder(db_path: Path, tmp_path: Path) -> None:
    with pytest.raises(ValidationError):
        exporting.export("customers", tmp_path / "c.pdf")
    with pytest.raises(ValidationError):
        exporting.export("customers", tmp_path / "nope" / "c.csv")
    with pytest.raises(ValidationError):
        exporting.export("staff", tmp_path / "c.csv")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from dealerdesk.store import db as store_db

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    create_demo(path, customers=150, seed=3, today=TODAY)
    store_db.close()
    return path


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    con = sqlite3.connect(path)
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
    out = {t: con.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in tables}
    con.close()
    return out


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_round_trip_export_import_changes_nothing(demo: Path, tmp_path: Path, fmt: str) -> None:
    import shutil

    from dealerdesk.store import db as store_db
    from dealerdesk.store import open_database

    db = tmp_path / "copy.db"
    shutil.copy(demo, db)
    open_database(db)
    try:
        before = _dump(db)
        out = exporting.export_customers(tmp_path / f"c.{fmt}")
        assert out.rows >= 150
        opened = importing.open_file(out.path)
        plan = importing.dry_run(opened, today=TODAY)
        assert plan.errors == ()
        assert (plan.customers_new, plan.vehicles_new, plan.visits_new) == (0, 0, 0)
        assert plan.customers_matched == 150
        result = importing.run_import(opened, today=TODAY, now=NOW, remember=False)
        assert result.audit_id == 0
        assert _dump(db) == before
    finally:
        store_db.close()


def test_other_exports_write_every_row(demo: Path, tmp_path: Path) -> None:
    import shutil

    from dealerdesk.store import db as store_db
    from dealerdesk.store import open_database

    db = tmp_path / "copy.db"
    shutil.copy(demo, db)
    open_database(db)
    try:
        con = sqlite3.connect(db)
        n = {t: con.execute(q).fetchone()[0] for t, q in {
            "vehicles": "SELECT count(*) FROM vehicle WHERE archived = 0",
            "followups": "SELECT count(*) FROM followup WHERE status = 'pending'",
            "complaints": "SELECT count(*) FROM complaint"}.items()}  # fmt: skip
        con.close()
        for kind, rows in n.items():
            assert rows > 0
            out = exporting.export(kind, tmp_path / f"{kind}.xlsx")
            assert out.rows == rows
            assert load_workbook(out.path).active.max_row == rows + 1
    finally:
        store_db.close()


def test_vcards_round_trip(db_path: Path, tmp_path: Path) -> None:
    from dealerdesk.services import customers

    customers.create_customer({"name": "黄小明", "phone": "13900000101", "email": "x@example.com",
                               "address": "深圳市福田区1号"}, today=TODAY)  # fmt: skip
    out = vcards.export_vcards(tmp_path / "c.vcf")
    assert out.rows == 1
    text = out.path.read_text(encoding="utf-8")
    assert "FN:黄小明" in text and "TEL;TYPE=CELL:139 0000 0101" in text
    plan = importing.dry_run(importing.open_file(out.path), today=TODAY)
    assert (plan.customers_new, plan.customers_matched) == (0, 1)


def test_ics_of_one_staff_members_followups(demo: Path, tmp_path: Path) -> None:
    import shutil

    from icalendar import Calendar

    from dealerdesk.store import db as store_db
    from dealerdesk.store import open_database

    db = tmp_path / "copy.db"
    shutil.copy(demo, db)
    open_database(db)
    try:
        con = sqlite3.connect(db)
        staff, pending = con.execute(
            "SELECT assignee_id, count(*) FROM followup WHERE status = 'pending' AND due >= ?"
            " AND assignee_id IS NOT NULL GROUP BY assignee_id ORDER BY 2 DESC LIMIT 1",
            (TODAY.isoformat(),),
        ).fetchone()
        con.close()
        out = exporting.export_staff_ics(tmp_path / "s.ics", staff_id=staff, today=TODAY, now=NOW)
        assert out.rows == pending
        cal = Calendar.from_ical(out.path.read_bytes())
        events = list(cal.walk("VEVENT"))
        assert len(events) == pending
        assert all(e.decoded("dtstart") >= TODAY for e in events)
        assert len({str(e["uid"]) for e in events}) == pending
        with pytest.raises(ValidationError):
            exporting.export_staff_ics(tmp_path / "x.ics", staff_id=999, today=TODAY, now=NOW)
    finally:
        store_db.close()


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_export_headers_map_back_to_their_fields_in_both_languages(language: str) -> None:
    from dealerdesk import i18n
    from dealerdesk.services.import_mapping import guess_mapping
    from dealerdesk.store.export_queries import CUSTOMER_FIELDS

    before = i18n.current_language()
    i18n.set_language(language)
    try:
        headers = tuple(exporting._headers(CUSTOMER_FIELDS))
    finally:
        i18n.set_language(before)
    assert list(guess_mapping(headers).values()) == list(CUSTOMER_FIELDS)
