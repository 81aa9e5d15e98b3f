"""PDF reports: built from plain records, checked through pdftotext like a reader would."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from dealerdesk.reports import (
    AgendaItem,
    AgendaReport,
    AtRiskReport,
    AtRiskRow,
    mask_phone,
    write_agenda_pdf,
    write_at_risk_pdf,
)
from dealerdesk.reports.data import pdf_text

TODAY = date(2024, 5, 6)
needs_pdftotext = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed"
)


def pdf_to_text(
    path: Path, first: int | None = None, last: int | None = None, *, layout: bool = False
) -> str:
    """Extract text; ``layout`` keeps the physical order (default mode reads by column)."""
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else [])]
    if first is not None:
        args += ["-f", str(first), "-l", str(last or first)]
    out = subprocess.run([*args, str(path), "-"], capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def pages_in(text: str) -> int:
    """pdftotext ends every page with a form feed."""
    return text.count("\f")


def risk_row(rank: int, name: str, phone: str = "13912345678", score: int = 80) -> AtRiskRow:
    return AtRiskRow(
        rank=rank,
        name=name,
        tier="Gold",
        score=score,
        reasons=("No service visit for 14 months", "保险即将到期", "Lease ends in 60 days", "4th"),
        suggested_action="Call and offer a free inspection",
        owner="刘洋",
        phone=phone,
        last_contact=None if rank % 2 else TODAY - timedelta(days=30),
        spend_24m=12_345.0,
    )


def risk_report(rows: tuple[AtRiskRow, ...], *, mask: bool = False) -> AtRiskReport:
    return AtRiskReport(
        dealership="鑫源汽车 Xinyuan Motors",
        today=TODAY,
        rows=rows,
        total_customers=1_000,
        at_risk_count=len(rows),
        spend_at_stake=1_234_567.0,
        by_tier=(("Gold", len(rows), 1_234_567.0), ("Silver", 0, 0.0)),
        score_histogram=(
            ("0–19", 500),
            ("20–39", 300),
            ("40–59", 120),
            ("60–79", 50),
            ("80–100", 30),
        ),
        mask_phones=mask,
    )


SAMPLE_ROWS = (
    risk_row(1, "张伟", score=91),
    risk_row(2, "欧阳娜娜", phone="+86 139 1234 5678", score=55),
    risk_row(3, "Emily Carter", phone="13800001111", score=20),
    risk_row(4, "张伟 / Zhang Wei", phone="13700002222"),
)


def agenda_item(customer: str, due: date, overdue: int, phone: str = "13912345678") -> AgendaItem:
    return AgendaItem(
        due=due,
        overdue_days=overdue,
        customer=customer,
        phone=phone,
        kind="Service",
        reason="6-month service reminder",
        vehicle="比亚迪 汉 EV",
        assignee="Anna Wu",
        last_contact=None,
    )


AGENDA_ITEMS = (
    agenda_item("Emily Carter", TODAY, 0),
    agenda_item("欧阳娜娜", TODAY - timedelta(days=3), 3, phone="+86 139 1234 5678"),
    agenda_item("张伟", TODAY - timedelta(days=12), 12),
    agenda_item("Robert King", TODAY + timedelta(days=2), 0),
)


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("13912345678", "139****5678"),
        ("+86 139 1234 5678", "+86 139****5678"),
        ("+86-139-1234-5678", "+86 139****5678"),
        ("+8613912345678", "+86 139****5678"),
        ("010-62345678", "010****5678"),
        ("62345678", "62****78"),
        ("12345", "1***5"),
        ("110", "1*0"),
        ("12", "**"),
        ("", ""),
        ("   ", ""),
        ("n/a", "n/a"),
    ],
)
def test_mask_phone(raw: str, masked: str) -> None:
    assert mask_phone(raw) == masked


def test_pdf_text_replaces_glyphs_the_font_lacks() -> None:
    assert pdf_text("约翰·史密斯") == "约翰·史密斯"  # the embedded font has "·"
    assert pdf_text("a • b") == "a \u30fb b"
    assert pdf_text("Björn Müller José") == "Bjorn Müller José"  # ü, é exist in GB 2312
    assert pdf_text("plain ASCII") == "plain ASCII"


@needs_pdftotext
def test_pdfs_embed_the_shipped_cjk_font(tmp_path: Path) -> None:
    at_risk, agenda = tmp_path / "r.pdf", tmp_path / "a.pdf"
    write_at_risk_pdf(risk_report(SAMPLE_ROWS), at_risk)
    write_agenda_pdf(AgendaReport("鑫源汽车", TODAY, AGENDA_ITEMS), agenda)
    for path in (at_risk, agenda):
        fonts = subprocess.run(
            ["pdffonts", str(path)], capture_output=True, text=True, check=True
        ).stdout.splitlines()[2:]
        cjk = [line.split() for line in fonts if "WenQuanYiMicroHei" in line]
        assert cjk, fonts
        # name, type, encoding, emb, sub, uni: embedded as a subset, nothing only named
        assert all(cols[3:5] == ["yes", "yes"] for cols in cjk)
        assert not any("STSong" in line for line in fonts)


@needs_pdftotext
def test_at_risk_pdf_shows_names_headings_and_page_numbers(tmp_path: Path) -> None:
    out = tmp_path / "at_risk.pdf"
    calls: list[tuple[int, int]] = []
    pages = write_at_risk_pdf(
        risk_report(SAMPLE_ROWS), out, progress=lambda d, t: calls.append((d, t))
    )
    text = pdf_to_text(out)
    assert pages == pages_in(text) >= 1
    for expected in (
        "Customers at risk",
        "鑫源汽车 Xinyuan Motors",
        "Ranked customers (4)",
        "Score distribution",
        "张伟",
        "欧阳娜娜",
        "Emily Carter",
        "Zhang Wei",
        "¥1,234,567",
        "13912345678",
        "never",
        "2024-04-06",
        "Report date 2024-05-06",
        f"Page 1 of {pages}",
    ):
        assert expected in text, expected
    assert "4th" not in text  # only the top three reasons are printed
    assert calls[-1][0] == calls[-1][1]
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


@needs_pdftotext
def test_at_risk_chart_is_drawn(tmp_path: Path) -> None:
    with_chart = tmp_path / "chart.pdf"
    without = tmp_path / "nochart.pdf"
    write_at_risk_pdf(risk_report(SAMPLE_ROWS), with_chart)
    write_at_risk_pdf(
        AtRiskReport("D", TODAY, SAMPLE_ROWS, 4, 4, 1.0, (), score_histogram=()), without
    )
    text = pdf_to_text(with_chart, 1)
    assert "Score distribution" in text
    for label in ("0-19", "80-100", "500", "120"):
        assert label in text, label
    assert "Score distribution" not in pdf_to_text(without)


@needs_pdftotext
def test_at_risk_heading_says_when_only_the_top_is_listed(tmp_path: Path) -> None:
    out = tmp_path / "top.pdf"
    report = risk_report(SAMPLE_ROWS)
    write_at_risk_pdf(replace(report, at_risk_count=10), out)
    assert "Ranked customers (top 4 of 10)" in pdf_to_text(out)


@needs_pdftotext
def test_phone_masking_reaches_both_pdfs(tmp_path: Path) -> None:
    at_risk = tmp_path / "masked_risk.pdf"
    agenda = tmp_path / "masked_agenda.pdf"
    write_at_risk_pdf(risk_report(SAMPLE_ROWS, mask=True), at_risk)
    write_agenda_pdf(AgendaReport("D", TODAY, AGENDA_ITEMS, mask_phones=True), agenda)
    for path in (at_risk, agenda):
        text = pdf_to_text(path)
        assert "139****5678" in text
        assert "+86 139****5678" in text
        assert "13912345678" not in text
        assert "1234 5678" not in text


@needs_pdftotext
def test_agenda_groups_overdue_first(tmp_path: Path) -> None:
    out = tmp_path / "agenda.pdf"
    report = AgendaReport("鑫源汽车 Xinyuan Motors", TODAY, AGENDA_ITEMS, later=57, catchup=8)
    pages = write_agenda_pdf(report, out)
    text = pdf_to_text(out)
    assert pages == pages_in(text)
    for expected in (
        "Today's follow-ups",
        "Overdue (2)",
        "Due today (1)",
        "Coming days (1)",
        "Outcome / notes",
        "12 days overdue",
        "57 more wait for later",
        f"Page 1 of {pages}",
    ):
        assert expected in text, expected
    text = pdf_to_text(out, layout=True)
    # issue #7: within each group the given order (the one priority) is kept.
    sequence = ("Overdue (2)", "欧阳娜娜", "张伟", "Due today (1)", "Emily Carter", "Coming days")
    order = [text.index(s) for s in (*sequence, "Robert King")]
    assert order == sorted(order)


@needs_pdftotext
def test_empty_reports_say_so(tmp_path: Path) -> None:
    risk, agenda = tmp_path / "r.pdf", tmp_path / "a.pdf"
    empty = AtRiskReport("Empty Motors", TODAY, (), 0, 0, 0.0, (), ())
    assert write_at_risk_pdf(empty, risk) == 1
    assert write_agenda_pdf(AgendaReport("Empty Motors", TODAY, ()), agenda) == 1
    assert "nothing to show" in pdf_to_text(risk)
    assert "nothing to show" in pdf_to_text(agenda)
    assert "Page 1 of 1" in pdf_to_text(agenda)


@needs_pdftotext
def test_long_at_risk_report_repeats_header(tmp_path: Path) -> None:
    names = ("张伟", "欧阳娜娜", "Emily Carter", "约翰·史密斯")
    rows = tuple(
        risk_row(i + 1, f"{names[i % 4]} {i + 1}", score=99 - i % 100) for i in range(1200)
    )
    out = tmp_path / "long.pdf"
    calls: list[tuple[int, int]] = []
    pages = write_at_risk_pdf(risk_report(rows), out, progress=lambda d, t: calls.append((d, t)))
    assert pages >= 10
    page2 = pdf_to_text(out, 2)
    for header in ("Customer", "Top reasons", "Suggested action", "Last contact"):
        assert header in page2, header
    assert f"Page 2 of {pages}" in page2
    # Exactly one header per page: none missing, none repeated where chunks meet.
    per_page = pdf_to_text(out).split("\f")[:pages]
    assert [p.count("Top reasons") for p in per_page] == [1] * pages
    last = pdf_to_text(out, pages)
    assert "约翰·史密斯 1200" in last  # the middle dot survives the embedded font
    assert calls[-1] == (7, 7)  # 3 chunks of up to 500 rows: built + laid out, then saved


def test_runaway_cell_text_does_not_break_layout(tmp_path: Path) -> None:
    row = risk_row(1, "Long Reason")
    row = replace(row, reasons=("x " * 5000,))
    assert write_at_risk_pdf(risk_report((row,)), str(tmp_path / "long_cell.pdf")) >= 1


@needs_pdftotext
def test_agenda_keeps_a_long_model_name_whole(tmp_path: Path) -> None:
    """The vehicle column puts the plate above the model, and is wide enough for a maker's
    name such as "FAW-Volkswagen" not to break in the middle of the word."""
    item = replace(agenda_item("周超雨", TODAY, 0), vehicle="粤SJDCPQ · FAW-Volkswagen Magotan")
    out = tmp_path / "agenda.pdf"
    write_agenda_pdf(AgendaReport("D", TODAY, (item,)), out)
    lines = pdf_to_text(out).splitlines()
    assert "粤SJDCPQ" in lines
    assert any(line.startswith("FAW-Volkswagen") for line in lines), lines
