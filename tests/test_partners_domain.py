"""Partner businesses (issue #14) without Qt: the list's writes, customers exchanged both
ways, the statement's figures (period ends included, totals per direction), and the
partner's spend CSV: a clear error per bad row, and nothing written unless all are good."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dealerdesk.errors import ValidationError
from dealerdesk.services import customers, partners
from dealerdesk.services.partner_import import PartnerImportError
from dealerdesk.services.partner_statement import Exchanged, Paid, PartnerHead, build_statement

TODAY = date(2026, 11, 23)
HEAD = PartnerHead("米其林驰加南山店", "Tyre shop", "周经理", "互相推荐，每位客户返200元")
START, END = date(2026, 10, 1), date(2026, 10, 31)


# --- the figures, from plain rows ---------------------------------------------------------
def test_statement_period_ends_are_included_and_totals_add_up() -> None:
    exchanged = [
        Exchanged(1, "张伟", "139", "from_partner", date(2026, 9, 30)),  # before, spent on 1 Oct
        Exchanged(2, "王芳", "150", "from_partner", date(2026, 10, 31)),  # referred on the last day
        Exchanged(3, "李娜", "137", "from_partner", date(2026, 5, 1)),  # spent only after the end
        Exchanged(4, "Emma Wilson", "+44", "to_partner", date(2026, 10, 1)),
        Exchanged(5, "赵磊", "135", "to_partner", date(2026, 11, 1)),  # after the end: not on it
        Exchanged(6, "欧阳娜娜", "136", "to_partner", date(2026, 6, 1)),  # spent on 31 Oct
    ]
    paid = [
        Paid(1, date(2026, 10, 1), 860.0), Paid(1, date(2026, 9, 30), 99_999.0),
        Paid(1, date(2026, 10, 15), 140.5),
        Paid(3, date(2026, 11, 1), 5_000.0),
        Paid(4, date(2026, 10, 1), 1_200.0), Paid(4, date(2026, 10, 31), 300.0),
        Paid(5, date(2026, 11, 2), 800.0),
        Paid(6, date(2026, 10, 31), 450.25),
    ]  # fmt: skip
    s = build_statement(HEAD, exchanged, paid, start=START, end=END, dealership="D", today=TODAY)
    assert [(x.customer, x.spend, x.payments) for x in s.sent_us] == [
        ("张伟", 1000.5, 2),
        ("王芳", 0.0, 0),
    ]
    assert [(x.customer, x.spend, x.payments) for x in s.we_sent] == [
        ("欧阳娜娜", 450.25, 1),
        ("Emma Wilson", 1500.0, 2),
    ]
    assert (s.from_total, s.to_total) == (1000.5, 1950.25)


def test_a_one_day_period_and_a_backwards_one() -> None:
    one = date(2026, 10, 15)
    s = build_statement(HEAD, [Exchanged(1, "A", "", "to_partner", date(2026, 1, 1))],
                        [Paid(1, one, 10.0), Paid(1, date(2026, 10, 16), 5.0)],
                        start=one, end=one, dealership="D", today=TODAY)  # fmt: skip
    assert s.to_total == 10.0 and s.from_total == 0
    with pytest.raises(ValidationError):
        build_statement(HEAD, [], [], start=END, end=START, dealership="D", today=TODAY)


# --- on a database ------------------------------------------------------------------------
def person(name: str, phone: str) -> int:
    return customers.create_customer({"name": name, "phone": phone}, today=TODAY).new_id  # type: ignore[return-value]


@pytest.fixture
def shop(db_path: Path) -> dict[str, int]:
    pid = partners.save_partner(None, {"name": "米其林驰加南山店", "kind": "tyre_shop",
                                       "contact_person": "周经理", "phone": "13600001111",
                                       "terms": "互相推荐"}).new_id  # fmt: skip
    ids = {"partner": pid}  # type: ignore[dict-item]
    for name, phone in (("张伟", "13912345678"), ("王芳", "15012340000"), ("李娜", "13711112222"),
                        ("张伟 ", "13800138000")):  # fmt: skip
        ids[name] = person(name.strip() if name != "张伟 " else "张伟", phone)
    ids["sent_zhang"] = partners.add_exchange(pid, ids["张伟"], "to_partner", on=date(2026, 9, 1),
                                              today=TODAY).new_id  # fmt: skip
    ids["sent_wang"] = partners.add_exchange(pid, ids["王芳"], "to_partner", on=date(2026, 9, 5),
                                             today=TODAY).new_id  # fmt: skip
    partners.add_exchange(pid, ids["李娜"], "from_partner", on=date(2026, 10, 1), today=TODAY)
    return ids  # type: ignore[return-value]


def test_partner_list_edit_and_archive(shop: dict[str, int]) -> None:
    [p] = partners.list_partners()
    assert (p.name, p.kind, p.contact_person, p.phone, p.sent_us, p.we_sent) == (
        "米其林驰加南山店",
        "tyre_shop",
        "周经理",
        "136 0000 1111",
        1,
        2,
    )
    with pytest.raises(ValidationError) as err:
        partners.save_partner(p.id, {"name": " ", "kind": "tyre_shop"})
    assert err.value.field == "name"
    with pytest.raises(ValidationError) as err:
        partners.save_partner(p.id, {"name": "X", "kind": "florist"})
    assert err.value.field == "kind"
    partners.save_partner(p.id, {"name": "驰加", "kind": "car_wash"})
    assert partners.list_partners()[0].kind == "car_wash"
    partners.archive(p.id)
    assert partners.list_partners() == []
    assert partners.list_partners(include_archived=True)[0].archived


def test_exchanges_both_ways_and_customer_linked(shop: dict[str, int]) -> None:
    got = {(x.customer_name, x.direction) for x in partners.exchanges(shop["partner"])}
    assert got == {("张伟", "to_partner"), ("王芳", "to_partner"), ("李娜", "from_partner")}
    assert customers.get_customer(shop["李娜"]).source != ""  # the customer exists
    with pytest.raises(ValidationError, match="already listed"):
        partners.add_exchange(shop["partner"], shop["张伟"], "to_partner", on=TODAY, today=TODAY)
    with pytest.raises(ValidationError) as err:
        partners.add_exchange(shop["partner"], shop["张伟"], "sideways", on=TODAY, today=TODAY)
    assert err.value.field == "direction"


def test_typed_spend_only_for_customers_we_sent(shop: dict[str, int]) -> None:
    partners.add_spend(shop["sent_zhang"], on="2026-10-03", amount="880", today=TODAY)
    from_row = next(x for x in partners.exchanges(shop["partner"]) if x.direction == "from_partner")
    with pytest.raises(ValidationError, match="only for customers we sent"):
        partners.add_spend(from_row.id, on=TODAY, amount=10, today=TODAY)
    with pytest.raises(ValidationError) as err:
        partners.add_spend(shop["sent_zhang"], on=TODAY, amount=-5, today=TODAY)
    assert err.value.field == "amount"
    with pytest.raises(ValidationError) as err:
        partners.add_spend(shop["sent_zhang"], on="2026-13-01", amount=5, today=TODAY)
    assert err.value.field == "date"


def test_statement_from_the_database(shop: dict[str, int]) -> None:
    customers.add_visit(shop["李娜"], {"date": date(2026, 10, 31), "kind": "service",
                                       "amount": 1234.5}, today=TODAY)  # fmt: skip
    customers.add_visit(
        shop["李娜"], {"date": date(2026, 9, 30), "kind": "service", "amount": 999}, today=TODAY
    )  # before the referral
    partners.add_spend(shop["sent_zhang"], on=date(2026, 10, 1), amount=880, today=TODAY)
    partners.add_spend(shop["sent_zhang"], on=date(2026, 11, 1), amount=70, today=TODAY)
    s = partners.statement(shop["partner"], start=START, end=END, today=TODAY)
    assert [(x.customer, x.spend) for x in s.sent_us] == [("李娜", 1234.5)]
    assert [(x.customer, x.spend) for x in s.we_sent] == [("张伟", 880.0)]  # 王芳: nothing in Oct
    assert s.contact == "周经理 136 0000 1111" and s.terms == "互相推荐"
    assert s.we_sent[0].phone == "139****5678"
    full = partners.statement(shop["partner"], start=START, end=END, today=TODAY, mask_phones=False)
    assert full.we_sent[0].phone == "139 1234 5678"


# --- the partner's CSV ----------------------------------------------------------------------
def csv_file(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "spend.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_a_good_gbk_file_imports_every_row(shop: dict[str, int], tmp_path: Path) -> None:
    path = csv_file(tmp_path, "手机号,姓名,消费日期,金额,项目\r\n139 1234 5678,张伟,2026/10/3,\"￥1,200\",换胎\r\n"
                    ",王芳,2026年10月9日,350.50元,动平衡\r\n", "gbk")  # fmt: skip
    result = partners.import_spend_file(path, partner_id=shop["partner"])
    assert [(r.row, r.customer, r.on, r.amount) for r in result.rows] == [
        (2, "张伟", date(2026, 10, 3), 1200.0),
        (3, "王芳", date(2026, 10, 9), 350.5),
    ]
    assert result.total == 1550.5
    s = partners.statement(shop["partner"], start=START, end=END, today=TODAY)
    assert s.to_total == 1550.5


def test_every_bad_row_is_named_and_nothing_is_written(
    shop: dict[str, int], tmp_path: Path
) -> None:
    path = csv_file(tmp_path, "phone,name,date,amount\n"
                    "13912345678,,2026-10-03,100\n"       # 2 good
                    "13999999999,,2026-10-03,100\n"       # 3 phone of nobody we sent
                    ",李娜,2026-10-03,100\n"               # 4 sent US, not to the partner
                    ",张伟,2026-10-03,100\n"               # 5 two 张伟? only one sent: fine
                    ",王芳,2026-10-32,abc\n"               # 6 bad date and amount
                    ",王芳,,−5\n"                          # 7 no date, bad amount
                    ",王芳,2026-10-03,-5\n"                # 8 negative
                    ",,2026-10-03,5\n")  # fmt: skip      # 9 nobody
    with pytest.raises(PartnerImportError) as err:
        partners.import_spend_file(path, partner_id=shop["partner"])
    problems = err.value.problems
    assert [p.split(":")[0] for p in problems] == [f"Row {n}" for n in (3, 4, 6, 7, 8, 9)]
    assert "13999999999" in problems[0] and "李娜" in problems[1]
    assert "2026-10-32" in problems[2] and "abc" in problems[2]
    assert "date is missing" in problems[3] and "negative" in problems[4]
    assert "Nothing was imported: 6 rows have errors" in str(err.value)
    assert partners.list_partners()[0].reported == 0  # row 2 was good, and not written


def test_a_file_without_the_columns_or_rows(shop: dict[str, int], tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="amount column"):
        partners.import_spend_file(
            csv_file(tmp_path, "who,when\nx,y\n"), partner_id=shop["partner"]
        )
    with pytest.raises(PartnerImportError, match="no rows"):
        partners.import_spend_file(csv_file(tmp_path, "phone,amount\n"), partner_id=shop["partner"])


def test_ambiguous_names_ask_for_the_phone(shop: dict[str, int], tmp_path: Path) -> None:
    partners.add_exchange(shop["partner"], shop["张伟 "], "to_partner", on=TODAY, today=TODAY)
    with pytest.raises(PartnerImportError, match="2 customers sent to this partner are called"):
        partners.import_spend_file(csv_file(tmp_path, "name,date,amount\n张伟,2026-10-01,5\n"),
                                   partner_id=shop["partner"])  # fmt: skip


def test_a_merge_keeps_the_partner_exchanges_and_their_spend(shop: dict[str, int]) -> None:
    from datetime import datetime

    from dealerdesk.services import duplicates

    partners.add_spend(shop["sent_zhang"], on=date(2026, 10, 1), amount=880, today=TODAY)
    twin = person("张伟", "13511112222")  # the same 张伟, entered twice
    other = partners.add_exchange(shop["partner"], twin, "to_partner", on=date(2026, 9, 9),
                                  today=TODAY).new_id  # fmt: skip
    assert other is not None
    partners.add_spend(other, on=date(2026, 10, 2), amount=20, today=TODAY)
    duplicates.merge_customers(keep=shop["张伟"], drop=twin, today=TODAY,
                               now=datetime(2026, 11, 23, 9))  # fmt: skip
    mine = [x for x in partners.exchanges(shop["partner"]) if x.customer_id == shop["张伟"]]
    assert [(x.direction, x.spend) for x in mine] == [("to_partner", 900.0)]
