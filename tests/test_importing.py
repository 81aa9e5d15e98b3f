"""The importer's rules at their boundaries: values, mapping, matching, undo, atomicity."""

from __future__ import annotations

import csv
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path

import pytest
import rawdb
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rawdb import snapshot

from dealerdesk.errors import ValidationError
from dealerdesk.paths import ServerUrl
from dealerdesk.services import importing
from dealerdesk.services.import_mapping import guess_mapping, load_mapping_file, shape_key
from dealerdesk.services.import_read import ImportFileError, decode
from dealerdesk.services.import_rows import clean_phone_text, parse_date
from dealerdesk.store.validation import vin_check_digit

TODAY = date(2026, 12, 1)
NOW = datetime(2026, 12, 1, 9, 30)


def vin(n: int) -> str:
    body = f"LFVAB21X0NA{n:06d}"
    return body[:8] + vin_check_digit(body) + body[9:]


def write_csv(path: Path, rows: list[list[object]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as out:
        csv.writer(out).writerows(rows)
    return path


def count(path: Path, table: str) -> int:
    con = rawdb.connect(path)
    n = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    con.close()
    return int(n)


def do_import(path: Path, **kwargs: object) -> importing.ImportResult:
    return importing.run_import(importing.open_file(path), today=TODAY, now=NOW, **kwargs)  # type: ignore[arg-type]


# -- values ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2024-03-05", date(2024, 3, 5)), ("2024/3/5", date(2024, 3, 5)),
        ("2024.3.5", date(2024, 3, 5)), ("2024年3月5日", date(2024, 3, 5)),
        ("2024-03-05 00:00:00", date(2024, 3, 5)), ("20240305", date(2024, 3, 5)),
        (45356, date(2024, 3, 5)), (45356.0, date(2024, 3, 5)), ("45356", date(2024, 3, 5)),
        (datetime(2024, 3, 5, 8, 0), date(2024, 3, 5)), ("", None), (None, None),
    ],
)  # fmt: skip
def test_dates_in_every_form(cell: object, expected: date | None) -> None:
    assert parse_date(cell) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("cell", ["2024-02-30", "3/5/2024", "yesterday", "2024-13-01", 0, -5])
def test_impossible_dates_are_refused(cell: object) -> None:
    with pytest.raises(ValueError):
        parse_date(cell)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text", ["139 1234 5678", "139-1234-5678", "+86 139 1234 5678", "0086 13912345678",
             "(139) 1234.5678", "+86-139-1234-5678"],
)  # fmt: skip
def test_phones_with_spaces_dashes_and_country_code(
    tmp_path: Path, db_path: Path, text: str
) -> None:
    assert clean_phone_text(text).lstrip("+").removeprefix("86") == "13912345678"
    do_import(write_csv(tmp_path / "p.csv", [["姓名", "电话"], ["张三", text]]))
    con = rawdb.connect(db_path)
    assert con.execute("SELECT phone FROM customer").fetchall() == [("+8613912345678",)]
    con.close()


def test_decoding_prefers_utf8_then_gb18030_and_refuses_binary() -> None:
    assert decode("姓名".encode()) == ("姓名", "utf-8")
    assert decode("\ufeff姓名".encode()) == ("姓名", "utf-8-sig")
    assert decode("姓名,手机".encode("gbk")) == ("姓名,手机", "gb18030")
    # short GBK files that charset-normalizer reads as cp949 and big5hkscs
    for text in ("客户名称,电话\n王芳,139\n李娜,138\n", "名称\n张三\n"):
        assert decode(text.encode("gbk")) == (text, "gb18030")
    with pytest.raises(ImportFileError):
        decode(b"\x00\x01\x02binary")
    with pytest.raises(ImportFileError):
        decode(bytes(range(1, 32)) * 50)


# -- mapping ------------------------------------------------------------------------------
def test_mapping_guessed_from_chinese_and_english_headers() -> None:
    got = guess_mapping(("客户名称", "手机号码", "车牌号码", "车架号(VIN)", "购车日期", "保养日期",
                         "Customer Name", "不相关", "E-Mail"))  # fmt: skip
    assert got == {
        "客户名称": "name", "手机号码": "phone", "车牌号码": "plate", "车架号(VIN)": "vin",
        "购车日期": "purchase_date", "保养日期": "service_date",
        "Customer Name": "",  # name is taken already: one column per field
        "不相关": "", "E-Mail": "email",
    }  # fmt: skip


def test_mapping_is_checked(tmp_path: Path, db_path: Path) -> None:
    opened = importing.open_file(write_csv(tmp_path / "a.csv", [["A", "B"], ["x", "139"]]))
    assert opened.mapping == {"A": "", "B": ""}
    with pytest.raises(ValidationError, match="name"):
        importing.dry_run(opened, today=TODAY)
    with pytest.raises(ValidationError, match="phone or a VIN"):
        importing.dry_run(opened, mapping={"A": "name"}, today=TODAY)
    with pytest.raises(ValidationError, match="both"):
        importing.dry_run(opened, mapping={"A": "name", "B": "name"}, today=TODAY)
    plan = importing.dry_run(opened, mapping={"A": "name", "B": "phone"}, today=TODAY)
    assert [e.reason.code for e in plan.errors] == ["import.bad_phone"]


def test_edited_mapping_is_saved_for_the_next_file_of_that_shape(
    tmp_path: Path, db_path: Path
) -> None:
    rows = [["客户", "号码", "座驾"], ["张三", "13912345678", vin(1)]]
    first = importing.open_file(write_csv(tmp_path / "one.csv", rows))
    assert first.mapping_source == "guessed" and first.mapping["号码"] == ""
    edited = {**first.mapping, "号码": "phone", "座驾": "vin"}
    plan = importing.dry_run(first, mapping=edited, today=TODAY)
    # a vehicle needs its make and model, as in the window's vehicle dialog
    assert [(e.column, e.reason.code) for e in plan.errors] == [
        ("make", "import.required"),
        ("model", "import.required"),
    ]
    importing.remember_mapping(first.headers, edited)
    second = importing.open_file(
        write_csv(tmp_path / "two.csv", [rows[0], ["李四", "13812345678", ""]])
    )
    assert second.mapping_source == "saved" and second.mapping == edited
    other = importing.open_file(write_csv(tmp_path / "three.csv", [["姓名", "手机"], ["a", "1"]]))
    assert other.mapping_source == "guessed"
    assert shape_key(first.headers) != shape_key(other.headers)


def test_mapping_file_round_trip(tmp_path: Path, db_path: Path) -> None:
    src = write_csv(tmp_path / "a.csv", [["Kunde", "Handy"], ["Max", "13912345678"]])
    out = tmp_path / "map.json"
    from dealerdesk.services.import_mapping import save_mapping_file

    save_mapping_file(out, ("Kunde", "Handy"), {"Kunde": "name", "Handy": "phone"})
    saved = load_mapping_file(out)
    opened = importing.open_file(src, mapping=saved.columns)
    assert opened.mapping_source == "file"
    assert importing.dry_run(opened, today=TODAY).customers_new == 1
    (tmp_path / "bad.json").write_text("{nope", encoding="utf-8")
    with pytest.raises(ValidationError):
        load_mapping_file(tmp_path / "bad.json")


# -- matching -----------------------------------------------------------------------------
def test_reimport_creates_nothing_and_matches_on_phone_or_vin(
    tmp_path: Path, db_path: Path
) -> None:
    rows = [["姓名", "手机", "车架号", "品牌", "车型", "购车日期", "保养日期"],
            ["张三", "13912345678", vin(1), "大众", "朗逸", "2023-01-02", "2024-01-02"],
            ["李四", "", vin(2), "丰田", "卡罗拉", "", ""]]  # fmt: skip
    path = write_csv(tmp_path / "a.csv", rows)
    first = do_import(path)
    assert (first.plan.customers_new, first.plan.vehicles_new, first.plan.visits_new) == (2, 2, 2)
    before = snapshot(db_path)
    again = do_import(path)
    assert (again.plan.customers_new, again.plan.customers_matched) == (0, 2)
    assert again.plan.vehicles_new == again.plan.visits_new == 0
    assert snapshot(db_path) == before  # not even an audit entry
    # a new service visit for a known car is added to the known customer
    rows.append(["张三", "139 1234 5678", vin(1), "大众", "朗逸", "2023-01-02", "2025-06-30"])
    third = do_import(write_csv(tmp_path / "b.csv", rows))
    assert (third.plan.customers_new, third.plan.customers_updated, third.plan.visits_new) == (
        0,
        1,
        1,
    )
    assert count(db_path, "customer") == 2 and count(db_path, "visit") == 3


def test_later_rows_of_a_new_customer_fill_what_the_first_lacked(
    tmp_path: Path, db_path: Path
) -> None:
    rows = [["姓名", "手机", "邮箱", "车架号", "品牌", "车型"],
            ["张三", "", "", vin(1), "大众", "朗逸"],
            ["张三", "13912345678", "z@x.cn", vin(1), "大众", "朗逸"]]  # fmt: skip
    path = write_csv(tmp_path / "a.csv", rows)
    result = do_import(path)
    assert result.plan.customers_new == 1
    con = rawdb.connect(db_path)
    assert con.execute("SELECT phone, email FROM customer").fetchall() == [
        ("+8613912345678", "z@x.cn")
    ]
    con.close()
    assert do_import(path).plan.customers_new == 0


def test_conflicts_are_row_errors(tmp_path: Path, db_path: Path) -> None:
    do_import(write_csv(tmp_path / "a.csv", [["姓名", "手机", "车架号", "品牌", "车型"],
                                             ["张三", "13912345678", vin(1), "大众", "朗逸"]]))  # fmt: skip
    rows = [["姓名", "手机", "车架号", "品牌", "车型"],
            ["王五", "13912345678", "", "", ""],  # 2: the phone is 张三's
            ["赵六", "13700000000", vin(1), "大众", "朗逸"],  # 3: the VIN is 张三's
            ["钱七", "13600000000", vin(5), "大众", "朗逸"],
            ["孙八", "13500000000", vin(5), "大众", "朗逸"],  # 5: the VIN is 钱七's (row 4)
            ["钱七", "13600000000", "", "", ""],
            ["周九", "13600000000", "", "", ""]]  # 7: phone on row 4 with another name # fmt: skip
    before = snapshot(db_path)
    with pytest.raises(importing.ImportRejectedError) as caught:
        do_import(write_csv(tmp_path / "b.csv", rows))
    assert [(e.row, e.reason.code) for e in caught.value.plan.errors] == [
        (2, "import.phone_stored_name"), (3, "import.vin_other_customer"),
        (5, "import.vin_other_customer"), (7, "import.phone_other_name"),
    ]  # fmt: skip
    assert snapshot(db_path) == before


# -- undo, cancel, one transaction -------------------------------------------------------
def test_undo_removes_the_whole_import_and_only_it(tmp_path: Path, db_path: Path) -> None:
    head = ["姓名", "手机", "车架号", "品牌", "车型", "保养日期"]
    do_import(
        write_csv(
            tmp_path / "a.csv",
            [head, ["张三", "13912345678", vin(1), "大众", "朗逸", "2024-01-01"]],
        )
    )
    kept = snapshot(db_path)
    result = do_import(write_csv(tmp_path / "b.csv", [
        head, ["张三", "13912345678", vin(1), "大众", "朗逸", "2025-01-01"],
        ["李四", "13812345678", vin(2), "丰田", "卡罗拉", "2025-02-01"]]))  # fmt: skip
    assert count(db_path, "customer") == 2 and count(db_path, "visit") == 3
    entries = importing.list_imports()
    assert next((e.audit_id, e.customers, e.visits, e.undone) for e in entries) == (
        result.audit_id,
        1,
        2,
        False,
    )
    importing.undo_import(result.audit_id, today=TODAY, now=NOW)
    after = snapshot(db_path)
    for table in ("customer", "vehicle", "visit", "customer_search"):
        assert after[table] == kept[table], table
    assert importing.list_imports()[0].undone
    with pytest.raises(ValidationError):
        importing.undo_import(result.audit_id, today=TODAY, now=NOW)


def test_undo_refuses_to_take_later_work_with_it(tmp_path: Path, db_path: Path) -> None:
    from dealerdesk.services import customers, duplicates

    head = [["姓名", "手机"], ["张三", "13912345678"], ["张三", "13912345679"]]
    first = do_import(write_csv(tmp_path / "a.csv", head))
    customers.log_contact(1, now=NOW, channel="phone", outcome="reached")
    with pytest.raises(ValidationError, match="1 contact"):
        importing.undo_import(first.audit_id, today=TODAY, now=NOW)
    second = do_import(write_csv(tmp_path / "b.csv", [["姓名", "手机"], ["李四", "13700000000"]]))
    other = customers.create_customer({"name": "李四", "phone": "13700000001"}, today=TODAY).new_id
    duplicates.merge_customers(keep=other, drop=3, today=TODAY, now=NOW)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="merged"):
        importing.undo_import(second.audit_id, today=TODAY, now=NOW)
    assert count(db_path, "customer") == 3


def test_cancel_rolls_everything_back(tmp_path: Path, db_path: Path) -> None:
    rows = [["姓名", "手机"]] + [[f"客户{i}", f"139{i:08d}"] for i in range(12000)]
    path = write_csv(tmp_path / "a.csv", rows)
    before = snapshot(db_path)
    seen: list[str] = []

    def report(stage: str, done: int, total: int) -> None:
        seen.append(stage)
        if stage == "write" and done >= 5000:
            progress.cancel()

    progress = importing.Progress(report)
    with pytest.raises(importing.ImportCancelledError):
        do_import(path, progress=progress)
    assert "write" in seen
    assert snapshot(db_path) == before


def test_sigkill_midway_leaves_the_database_intact(tmp_path: Path, db_path: Path) -> None:
    if isinstance(db_path, ServerUrl):
        pytest.skip("an SQLite matter (watches the WAL file, checks the file's integrity)")
    do_import(write_csv(tmp_path / "first.csv", [["姓名", "手机"], ["老客户", "13000000001"]]))
    before = snapshot(db_path)
    from dealerdesk.store import db as store_db

    store_db.close()
    rows = [["姓名", "手机", "保养日期"]] + [
        [f"客户{i}", f"139{i:08d}", "2024-01-01"] for i in range(40000)
    ]
    path = write_csv(tmp_path / "big.csv", rows)
    wal = Path(f"{db_path}-wal")
    start = wal.stat().st_size if wal.exists() else 0
    proc = subprocess.Popen(
        [sys.executable, "-m", "dealerdesk", "import", str(path), "--db", str(db_path),
         "--today", TODAY.isoformat()],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)},
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > start + 512 * 1024:  # rows are being written
            break
        time.sleep(0.01)
    assert proc.poll() is None, "the import finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    con = sqlite3.connect(db_path)
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()
    assert snapshot(db_path) == before


_cell = st.one_of(
    st.none(), st.text(max_size=12), st.sampled_from(
        ["13912345678", "+86 139 1234 5679", "2024/3/5", "2024年3月5日", "45356", "=1+1",
         "-", "@x", vin(3), vin(4), "LSV0000000000000X", "12,000", "nan", "inf", "1e400",
         "男", "女", "\t", "0", "99999999999999999999"]),
    st.integers(-10**12, 10**12), st.floats(allow_nan=True, allow_infinity=True),
)  # fmt: skip
HEADERS = [
    "姓名",
    "手机",
    "车架号",
    "品牌",
    "车型",
    "购车日期",
    "购车价格",
    "保养日期",
    "保养金额",
    "生日",
    "性别",
]


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])  # fmt: skip
@given(rows=st.lists(st.lists(_cell, min_size=len(HEADERS), max_size=len(HEADERS)), max_size=8))
def test_random_rows_never_crash_or_half_write(
    tmp_path_factory: pytest.TempPathFactory, rows: list[list[object]]
) -> None:
    from dealerdesk.store import db as store_db
    from dealerdesk.store import open_database

    folder = tmp_path_factory.mktemp("h")
    db = folder / "h.db"
    open_database(db)
    try:
        path = write_csv(folder / "r.csv", [HEADERS, *rows])
        before = snapshot(db)
        try:
            result = do_import(path)
        except importing.ImportRejectedError as exc:
            assert exc.plan.errors
            assert snapshot(db) == before
        except ImportFileError:
            assert snapshot(db) == before
        else:
            plan = result.plan
            assert count(db, "customer") == plan.customers_new
            assert count(db, "vehicle") == plan.vehicles_new
            assert count(db, "visit") == plan.visits_new
            assert count(db, "customer_score") == plan.customers_new
    finally:
        store_db.close()


def test_the_phone_shortcut_agrees_with_the_windows_check() -> None:
    """Every 11-digit number starting with 1, sampled across all prefixes: the importer's
    shortcut accepts exactly what ``normalize_phone`` (the window's check) accepts."""
    import random

    from dealerdesk.services.import_rows import phone_e164
    from dealerdesk.store.validation import normalize_phone

    rng = random.Random(4)
    numbers = [f"1{p:02d}{rng.randrange(10**8):08d}" for p in range(100) for _ in range(30)]
    numbers += ["+86" + n for n in numbers[::7]] + ["86" + n for n in numbers[::11]]
    for text in numbers:
        try:
            expected: str | None = normalize_phone(text, "CN")
        except ValidationError:
            expected = None
        try:
            got: str | None = phone_e164(text, "CN", "phone")
        except ValidationError:
            got = None
        assert got == expected, text


def test_workbook_row_numbers_are_excels_own(tmp_path: Path, db_path: Path) -> None:
    """A sheet whose table starts lower down, with a blank row inside: the errors name
    the rows the user sees in Excel."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append([])
    sheet.append(["姓名", "手机", "生日"])  # row 2
    sheet.append(["张三", 13912345678, date(1980, 1, 2)])
    sheet.append([])
    sheet.append(["李四", "1391234", "1980-01-02"])  # row 5: a short phone
    sheet.append(["王五", "13812345678", True])  # row 6: TRUE in a date column
    book.save(tmp_path / "t.xlsx")
    plan = importing.dry_run(importing.open_file(tmp_path / "t.xlsx"), today=TODAY)
    assert [(e.row, e.column, e.reason.code) for e in plan.errors] == [
        (5, "手机", "import.bad_phone"), (6, "生日", "import.bad_date"),
    ]  # fmt: skip


def test_two_desks_importing_at_once_both_succeed(tmp_path: Path, db_path: Path) -> None:
    """New rows take ids from ``max(id) + 1`` inside the write: a second import started
    while the first is writing must wait for it, not reuse its ids (on PostgreSQL both
    would read the same max(id); the store locks the tables for the write)."""
    import threading

    from dealerdesk.store import db as store_db

    first = write_csv(
        tmp_path / "a.csv", [["姓名", "手机"]] + [[f"甲{i}", f"139{i:08d}"] for i in range(30)]
    )
    second = write_csv(
        tmp_path / "b.csv", [["姓名", "手机"]] + [[f"乙{i}", f"138{i:08d}"] for i in range(30)]
    )
    a_writing = threading.Event()
    errors: list[BaseException] = []

    class HoldsTheWrite(importing.Progress):
        def advance(self, n: int) -> None:
            a_writing.set()
            time.sleep(1.5)  # B starts its own import meanwhile
            super().advance(n)

    def run(path: Path, progress: importing.Progress | None) -> None:
        try:
            if progress is None:
                assert a_writing.wait(30)
            do_import(path, progress=progress)
        except BaseException as exc:  # reported by the assertion below
            errors.append(exc)
        finally:
            store_db.database.close()

    threads = [threading.Thread(target=run, args=(first, HoldsTheWrite())),
               threading.Thread(target=run, args=(second, None))]  # fmt: skip
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=120)
    assert errors == []
    con = rawdb.connect(db_path)
    names = [r[0] for r in con.execute("SELECT name FROM customer ORDER BY id")]
    con.close()
    assert len(names) == 60 and {n[0] for n in names} == {"甲", "乙"}
