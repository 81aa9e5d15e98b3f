"""Every file of the committed corpus (tests/data/imports/) gives exactly what it should.

A file with any row-level error is refused whole: the database is compared table by table
with its state before, and must be identical.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from rawdb import query, snapshot

from dealerdesk.services import importing
from dealerdesk.services.import_read import ImportFileError

CORPUS = Path(__file__).parent / "data" / "imports"
TODAY = date(2026, 12, 1)
NOW = datetime(2026, 12, 1, 9, 30)


def customers(path: Path) -> list[tuple[object, ...]]:
    return query(path, "SELECT name, phone, gender, email FROM customer ORDER BY id")


def run(name: str) -> importing.ImportResult:
    return importing.run_import(importing.open_file(CORPUS / name), today=TODAY, now=NOW)


# -- files that import --------------------------------------------------------------------
def test_gbk_file_with_chinese_headers(db_path: Path) -> None:
    opened = importing.open_file(CORPUS / "gbk_chinese_headers.csv")
    assert opened.table.encoding == "gb18030"
    assert opened.mapping["客户名称"] == "name" and opened.mapping["手机号码"] == "phone"
    assert opened.mapping["购车价格(元)"] == "purchase_price"
    result = run("gbk_chinese_headers.csv")
    assert (result.plan.customers_new, result.plan.vehicles_new, result.plan.visits_new) == (
        4,
        3,
        5,
    )
    assert customers(db_path) == [
        ("王建国", "+8613912345678", "M", None),
        ("李秀英", "+8613800138001", "F", None),
        ("陈晓明", "+8613700137002", None, None),
        ("赵丽华", "+8613600137003", "F", None),
    ]
    visits = query(db_path, "SELECT c.name, s.date, s.kind, s.amount FROM visit s"
                            " JOIN customer c ON c.id = s.customer_id ORDER BY s.id")  # fmt: skip
    assert ("王建国", "2021-05-08", "sale", 215000) in visits
    assert ("王建国", "2024-03-05", "service", 680) in visits
    assert ("李秀英", "2024-06-01", "service", 520) in visits
    # planned and scored at once, and one audit entry
    assert query(db_path, "SELECT count(*) FROM customer_score")[0][0] == 4
    assert query(db_path, "SELECT count(*) FROM followup")[0][0] > 0
    assert query(db_path, "SELECT action FROM audit_log") == [("import",)]


def test_utf8_bom_file_with_english_headers(db_path: Path) -> None:
    opened = importing.open_file(CORPUS / "utf8_bom_english.csv")
    assert opened.table.encoding == "utf-8-sig"
    assert opened.headers[0] == "Customer Name"  # the BOM is not part of the header
    run("utf8_bom_english.csv")
    assert customers(db_path) == [
        ("Li Wei", "+8613512345670", None, "li.wei@example.com"),
        ("Zhang Min", "+8613512345671", None, None),
        ("Grace O'Neil", "+442079460958", None, "grace@example.co.uk"),
    ]
    assert query(db_path, "SELECT amount FROM visit WHERE kind = 'service'") == [(1280.5,)]
    assert query(db_path, "SELECT vin, mileage_km, mileage_on FROM vehicle WHERE mileage_km"
                          " IS NOT NULL")[0][1:] == (15000, "2026-12-01")  # fmt: skip


def test_mixed_date_formats_in_a_workbook(db_path: Path) -> None:
    opened = importing.open_file(CORPUS / "mixed_dates.xlsx")
    assert opened.table.sheet == "客户" and opened.table.sheets == ("客户", "说明")
    run("mixed_dates.xlsx")
    rows = query(db_path, "SELECT c.name, c.birthday, v.purchase_date FROM customer c"
                          " LEFT JOIN vehicle v ON v.customer_id = c.id ORDER BY c.id")  # fmt: skip
    assert rows == [
        ("周杰", "1985-07-01", "2023-03-05"),  # real date cell, 1985年7月1日
        ("吴倩", "1990-02-15", "2024-03-05"),  # serial 45356, 19900215
        ("郑强", "1979-12-31", "2023-03-05"),  # ISO text, date cell
        ("孙丽", "1988-02-29", None),
    ]
    services = query(db_path, "SELECT date FROM visit WHERE kind = 'service' ORDER BY id")
    assert services == [("2024-03-05",), ("2024-03-05",), ("2024-07-27",)]  # 45500 = 27 Jul


def test_duplicate_rows_are_merged_or_skipped(db_path: Path) -> None:
    result = run("duplicates.csv")
    plan = result.plan
    assert [(d.row, d.reason.code) for d in plan.duplicates] == [
        (3, "import.dup_row"), (4, "import.dup_customer"), (6, "import.dup_row")
    ]  # fmt: skip
    assert query(db_path, "SELECT c.name, count(v.id) FROM customer c LEFT JOIN vehicle v"
                          " ON v.customer_id = c.id GROUP BY c.id ORDER BY c.id") == [
        ("马云飞", 2), ("林小雨", 0)
    ]  # fmt: skip
    assert query(db_path, "SELECT count(*) FROM visit")[0][0] == 2


def test_very_wide_file_maps_its_three_columns(db_path: Path) -> None:
    opened = importing.open_file(CORPUS / "very_wide.csv")
    assert len(opened.headers) == 300
    assert {f for f in opened.mapping.values() if f} == {"name", "phone", "plate"}
    result = run("very_wide.csv")
    assert result.plan.customers_new == 40
    assert query(db_path, "SELECT count(*) FROM customer")[0][0] == 40


def test_vcards_import_as_contacts(db_path: Path) -> None:
    run("contacts.vcf")
    assert query(db_path, "SELECT name, phone, phone2, email FROM customer ORDER BY id") == [
        ("黄小明", "+8613900000101", None, "xm@example.com"),
        ("Tom Lee", "+8613900000102", "+862088881234", None),
    ]


# -- files that are refused, writing nothing ----------------------------------------------
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("bad_rows.csv", [
            (3, "姓名", "import.required"),
            (4, "手机", "import.bad_phone"),
            (5, "车架号", "import.bad_vin"),
            (6, "购车日期", "import.bad_date"),
            (7, "购车日期", "import.date_out_of_range"),
            (8, "保养金额", "import.bad_number"),
            (9, "邮箱", "import.bad_email"),
        ]),
        ("formulas.csv", [(3, "name", "import.formula"), (4, "notes", "import.formula")]),
        ("formulas.xlsx", [(2, "purchase_date", "import.formula")]),
    ],
)  # fmt: skip
def test_row_errors_and_nothing_written(
    db_path: Path, name: str, expected: list[tuple[int, str, str]]
) -> None:
    before = snapshot(db_path)
    with pytest.raises(importing.ImportRejectedError) as caught:
        run(name)
    got = [(e.row, e.column, e.reason.code) for e in caught.value.plan.errors]
    assert got == expected
    assert snapshot(db_path) == before


@pytest.mark.parametrize(
    ("name", "code"),
    [("empty.csv", "import.file_empty"), ("junk.csv", "import.file_not_table")],
)
def test_unreadable_files_are_refused_whole(db_path: Path, name: str, code: str) -> None:
    before = snapshot(db_path)
    with pytest.raises(ImportFileError) as caught:
        run(name)
    assert caught.value.msg.code == code
    assert snapshot(db_path) == before


def test_errors_are_in_chinese_too(db_path: Path) -> None:
    from dealerdesk.i18n import render

    with pytest.raises(importing.ImportRejectedError) as caught:
        run("bad_rows.csv")
    first = caught.value.plan.errors[1]
    assert render(first.reason, "zh_CN") == "不是有效的电话号码（CN）"
    assert importing.error_lines([first], "zh_CN") == [
        ("4", "手机", "12345", "不是有效的电话号码（CN）")
    ]


def test_old_xls_workbook(db_path: Path) -> None:
    opened = importing.open_file(CORPUS / "legacy.xls")
    assert (opened.table.kind, opened.table.sheet) == ("xls", "车主档案")
    run("legacy.xls")
    assert query(db_path, "SELECT c.name, c.phone, v.purchase_date FROM customer c"
                          " JOIN vehicle v ON v.customer_id = c.id ORDER BY c.id") == [
        ("郭靖", "+8613811112222", "2019-08-01"),  # a number cell, a date cell
        ("黄蓉", "+8613811113333", "2020-02-02"),
    ]  # fmt: skip
