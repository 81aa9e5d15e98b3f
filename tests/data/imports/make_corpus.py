"""Regenerate the import corpus (run from the repository root; the files are committed).

    /work/venv/bin/python tests/data/imports/make_corpus.py

Each file stands for something real dealerships send; tests/test_import_corpus.py holds
what each must give.
"""

from __future__ import annotations

import csv
import io
import random
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook

from dealerdesk.store.validation import vin_check_digit

HERE = Path(__file__).parent


def vin(n: int, wmi: str = "LSV") -> str:
    body = f"{wmi}AB21X0NA{n:06d}"  # 17 characters, position 9 replaced below
    return body[:8] + vin_check_digit(body) + body[9:]


def write_csv(name: str, rows: list[list[object]], encoding: str) -> None:
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    (HERE / name).write_bytes(buf.getvalue().encode(encoding))


def main() -> None:
    # 1. A GBK file with Chinese headers, as Excel on a Chinese Windows saves "CSV".
    write_csv("gbk_chinese_headers.csv", [
        ["客户名称", "手机号码", "性别", "车牌号", "车架号", "品牌", "车型", "购车日期", "购车价格(元)", "保养日期", "保养金额", "备注"],
        ["王建国", "139 1234 5678", "男", "粤B12345", vin(1), "大众", "帕萨特", "2021/5/8", "215,000", "2024年3月5日", "680", "老客户"],
        ["李秀英", "+86 138-0013-8001", "女", "粤B6789Q", vin(2), "丰田", "凯美瑞", "2022.11.20", "198000", "2024.6.1", "520", ""],
        ["陈晓明", "0086 13700137002", "", "", "", "", "", "", "", "", "", "只登记了电话"],
        ["赵丽华", "136-0013-7003", "女", "粤B8K888", vin(3), "本田", "雅阁", "2020-01-15", "176000", "", "", ""],
    ], "gbk")
    # 2. A UTF-8 file with a BOM and English headers (a DMS export).
    write_csv("utf8_bom_english.csv", [
        ["Customer Name", "Mobile Phone", "E-mail", "Plate No", "VIN", "Brand", "Model", "Purchase Date", "Last Service Date", "Invoice Amount", "Mileage"],
        ["Li Wei", "13512345670", "li.wei@example.com", "沪A00001", vin(11), "BMW", "X3", "2023-03-05", "2024-09-10", "1,280.50", "15000"],
        ["Zhang Min", "135 1234 5671", "", "沪A00002", vin(12), "Audi", "A4L", "2022-07-01", "", "", ""],
        ["Grace O'Neil", "+44 20 7946 0958", "grace@example.co.uk", "", "", "", "", "", "", "", ""],
    ], "utf-8-sig")
    # 3. Dates in every form one column can hold, in a workbook (real dates, serials, text).
    book = Workbook()
    ws = book.active
    ws.title = "客户"
    ws.append(["姓名", "手机", "车架号", "品牌", "车型", "购车日期", "保养日期", "生日"])
    ws.append(["周杰", 13912340001, vin(21), "吉利", "星越L", datetime(2023, 3, 5), "2024/3/5", "1985年7月1日"])
    ws.append(["吴倩", "13912340002", vin(22), "比亚迪", "汉", 45356, "2024.3.5", "19900215"])
    ws.append(["郑强", "13912340003", vin(23), "长安", "CS75", "2023-03-05", 45500, date(1979, 12, 31)])
    ws.append(["孙丽", "13912340004", "", "", "", "", "", "1988-2-29"])
    book.create_sheet("说明").append(["这一页不是数据"])
    book.save(HERE / "mixed_dates.xlsx")
    # 4. Bad rows among good ones: every kind of row error, on Excel row numbers.
    write_csv("bad_rows.csv", [
        ["姓名", "手机", "车架号", "品牌", "车型", "购车日期", "保养日期", "保养金额", "邮箱"],
        ["好客户", "13800000001", vin(31), "大众", "速腾", "2022-01-01", "", "", ""],
        ["", "13800000002", "", "", "", "", "", "", ""],                          # 3: no name
        ["坏电话", "12345", "", "", "", "", "", "", ""],                           # 4: phone
        ["坏车架", "13800000004", "LSVAB21X0N0000AB", "大众", "速腾", "", "", "", ""],  # 5: VIN
        ["坏日期", "13800000005", vin(35), "大众", "速腾", "2022-02-30", "", "", ""],   # 6: date
        ["未来", "13800000006", vin(36), "大众", "速腾", "2099-01-01", "", "", ""],     # 7: future
        ["坏金额", "13800000007", "", "", "", "", "2024-01-01", "六百", ""],           # 8: amount
        ["坏邮箱", "13800000008", "", "", "", "", "", "", "not-an-address"],         # 9: e-mail
        ["好客户二", "13800000009", "", "", "", "", "", "", "ok@example.com"],
    ], "utf-8")
    # 5. Duplicate rows: the same row twice, one customer with two cars, an existing phone.
    write_csv("duplicates.csv", [
        ["name", "phone", "vin", "make", "model", "purchase date"],
        ["马云飞", "13600000001", vin(41), "红旗", "H5", "2021-06-01"],
        ["马云飞", "13600000001", vin(41), "红旗", "H5", "2021-06-01"],
        ["马云飞", "136 0000 0001", vin(42), "红旗", "HS5", "2023-06-01"],
        ["林小雨", "13600000002", "", "", "", ""],
        ["林小雨", "13600000002", "", "", "", ""],
    ], "utf-8")
    # 6. Formula cells: in a CSV (text starting "=") and in a workbook (no cached value).
    write_csv("formulas.csv", [
        ["name", "phone", "notes"],
        ["正常", "13700000001", ""],
        ["=HYPERLINK(\"http://evil.example\",\"点我\")", "13700000002", ""],
        ["公式备注", "13700000003", "=1+1"],
    ], "utf-8")
    book = Workbook()
    ws = book.active
    ws.append(["name", "phone", "purchase_date", "vin", "make", "model"])
    ws.append(["表格公式", "13700000011", "=DATE(2023,3,5)", vin(51), "大众", "朗逸"])
    ws.append(["正常二", "13700000012", "2023-03-05", vin(52), "大众", "朗逸"])
    book.save(HERE / "formulas.xlsx")
    # 7. An empty file, and 8. binary junk with a .csv name.
    (HERE / "empty.csv").write_bytes(b"")
    (HERE / "junk.csv").write_bytes(random.Random(10).randbytes(4096))
    # 9. A very wide file: 300 columns, three of them ours.
    headers = ["姓名", "手机"] + [f"扩展字段{i}" for i in range(1, 298)] + ["车牌"]
    rows = [headers]
    for i in range(40):
        rows.append([f"客户{i:02d}", f"1590000{i:04d}"] + [f"x{i}-{j}" for j in range(297)] + [""])
    write_csv("very_wide.csv", rows, "utf-8")
    # 10. vCards, as a phone exports its contacts.
    (HERE / "contacts.vcf").write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:黄小明\r\nN:黄;小明;;;\r\nTEL;TYPE=CELL:139-0000-0101\r\n"
        "EMAIL:xm@example.com\r\nEND:VCARD\r\n"
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Tom Lee\r\nN:Lee;Tom;;;\r\nTEL;TYPE=CELL:+86 139 0000 0102\r\n"
        "TEL;TYPE=HOME:+86 20 8888 1234\r\nEND:VCARD\r\n", encoding="utf-8")




def make_xls() -> None:
    """11. An old .xls (Excel 97-2003) as some dealer systems still export. Written with
    xlwt (unmaintained, so not a dependency: `pip install --target /tmp/xlwt-lib xlwt`,
    then PYTHONPATH=/tmp/xlwt-lib)."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("车主档案")
    dates = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for c, h in enumerate(["车主姓名", "联系电话", "车架号", "品牌", "车型", "购车日期"]):
        sheet.write(0, c, h)
    for r, (name, phone, n, bought) in enumerate(
        [("郭靖", 13811112222.0, 61, date(2019, 8, 1)), ("黄蓉", "13811113333", 62, date(2020, 2, 2))],
        start=1,
    ):
        sheet.write(r, 0, name)
        sheet.write(r, 1, phone)
        sheet.write(r, 2, vin(n))
        sheet.write(r, 3, "一汽大众")
        sheet.write(r, 4, "迈腾")
        sheet.write(r, 5, bought, dates)
    book.save(str(HERE / "legacy.xls"))


if __name__ == "__main__":
    main()
    try:
        make_xls()
    except ImportError:
        print("xlwt not found: legacy.xls kept as it is")
