"""The PDFs in Chinese: headings, columns and page footers from the one translation layer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from test_reports import (
    AGENDA_ITEMS,
    SAMPLE_ROWS,
    TODAY,
    needs_pdftotext,
    pdf_to_text,
    risk_report,
)

from dealerdesk import i18n
from dealerdesk.reports import AgendaReport, write_agenda_pdf, write_at_risk_pdf


@pytest.fixture
def chinese() -> Iterator[None]:
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("en")


@needs_pdftotext
def test_at_risk_pdf_in_chinese(tmp_path: Path, chinese: None) -> None:
    out = tmp_path / "risk.pdf"
    write_at_risk_pdf(risk_report(SAMPLE_ROWS, mask=True), out)
    text = pdf_to_text(out)
    for expected in (
        "流失预警客户",
        "客户排名",
        "主要原因",
        "建议措施",
        "电话号码已隐藏",
        "第1页，共1页",
    ):
        assert expected in text, expected
    assert "Customers at risk" not in text and "Top reasons" not in text


@needs_pdftotext
def test_agenda_pdf_in_chinese(tmp_path: Path, chinese: None) -> None:
    out = tmp_path / "agenda.pdf"
    write_agenda_pdf(AgendaReport("鑫源汽车", TODAY, AGENDA_ITEMS), out)
    text = pdf_to_text(out)
    for expected in ("今日回访", "逾期", "今日到期", "结果 / 备注", "报表日期", "从未"):
        assert expected in text, expected
    assert "Today's follow-ups" not in text and "overdue" not in text
