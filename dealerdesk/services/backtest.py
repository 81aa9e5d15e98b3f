"""The ``backtest`` use case: read a transactions CSV, run the backtest, shape the output.

The file has a header with ``customer_id``, ``date`` (ISO ``2026-11-23`` or ``20261123``)
and ``amount``, and optionally ``kind`` (sale, service, repair, parts, …); other columns
are ignored. A bad row is refused with its row number and nothing is computed.
"""

from __future__ import annotations

import csv
import unicodedata
from datetime import date
from pathlib import Path

from dealerdesk.errors import DealerDeskError, ValidationError
from dealerdesk.i18n import Msg, render
from dealerdesk.retention.backtest import RANKERS, BacktestResult, Visit, run_backtest

__all__ = ["CSV_HEADER", "backtest_file", "csv_rows", "read_visits", "table_lines"]

CSV_HEADER = ("ranker", "auc", "top10_no_return", "top10_lift", "low_n", "low_no_return",
              "medium_n", "medium_no_return", "high_n", "high_no_return", "customers",
              "no_return_rate", "cutoff", "horizon_days", "model")  # fmt: skip


def _day(text: str, row: int) -> date:
    text = text.strip()
    try:
        if len(text) == 8 and text.isdigit():
            return date(int(text[:4]), int(text[4:6]), int(text[6:]))
        return date.fromisoformat(text[:10])
    except ValueError:
        raise ValidationError("date", f"“{text}” is not a date (YYYY-MM-DD)", row=row) from None


def read_visits(path: Path) -> list[Visit]:
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise DealerDeskError(f"Cannot read {path}: {exc.strerror}.") from exc
    with handle:
        reader = csv.DictReader(handle)
        fields = {(f or "").strip().lower(): f for f in reader.fieldnames or ()}
        missing = [c for c in ("customer_id", "date", "amount") if c not in fields]
        if missing:
            raise ValidationError(missing[0], f"the header has no “{missing[0]}” column", row=1)
        kind = fields.get("kind")
        visits = []
        for n, rec in enumerate(reader, start=2):
            cid = (rec[fields["customer_id"]] or "").strip()
            if not cid:
                raise ValidationError("customer_id", "is empty", row=n)
            try:
                amount = float(rec[fields["amount"]] or 0)
            except ValueError:
                raise ValidationError("amount", f"“{rec[fields['amount']]}” is not a number",
                                      row=n) from None  # fmt: skip
            if amount != amount or amount in (float("inf"), float("-inf")):
                raise ValidationError("amount", "is not a finite number", row=n)
            visits.append(Visit(cid, _day(rec[fields["date"]] or "", n), amount,
                                (rec[kind] or "").strip().lower() if kind else ""))  # fmt: skip
    return visits


def backtest_file(path: Path, *, cutoff: date, horizon_days: int) -> BacktestResult:
    visits = read_visits(path)
    try:
        return run_backtest(visits, cutoff=cutoff, horizon_days=horizon_days)
    except ValueError as exc:
        raise DealerDeskError(str(exc)) from exc


def _rate(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


def csv_rows(result: BacktestResult) -> list[list[str]]:
    """One row per ranker (risk, recency, bgnbd), columns as ``CSV_HEADER``."""
    rows = []
    for name in RANKERS:
        r = result.ranker(name)
        bands = [x for b in r.bands for x in (str(b.customers), _rate(b.no_return))]
        rows.append([name, f"{r.auc:.4f}", _rate(r.top10_rate), f"{r.top10_lift:.3f}", *bands,
                     str(result.customers), _rate(result.no_return_rate),
                     result.cutoff.isoformat(), str(result.horizon_days), result.model_source])  # fmt: skip
    return rows


def _width(text: str) -> int:
    """Columns the text takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int, *, right: bool = False) -> str:
    space = " " * max(width - _width(text), 0)
    return space + text if right else text + space


def table_lines(result: BacktestResult) -> list[str]:
    """The human-readable report, in the current language."""
    lines = [
        render(Msg("backtest.title", {"cutoff": result.cutoff, "days": result.horizon_days})),
        render(
            Msg(
                "backtest.population",
                {"customers": f"{result.customers:,}", "rate": f"{result.no_return_rate:.1%}"},
            )
        ),
        render(
            Msg(
                "backtest.model",
                {
                    "source": Msg(f"backtest.source.{result.model_source}"),
                    "trained_on": result.trained_on or result.cutoff,
                    "cutoff": result.cutoff,
                },
            )
        ),
        "",
    ]
    header = [render(Msg(f"backtest.header.{k}")) for k in ("ranker", "auc", "top10", "lift")]
    header.append(render(Msg("backtest.header.bands")))
    names = [render(Msg(f"backtest.ranker.{n}")) for n in RANKERS]
    width = max(_width(h) for h in [header[0], *names]) + 2
    lines.append(_pad(header[0], width) + _pad(header[1], 8, right=True)
                 + _pad(header[2], 20, right=True) + _pad(header[3], 14, right=True)
                 + "   " + header[4])  # fmt: skip
    for name, label in zip(RANKERS, names, strict=True):
        r = result.ranker(name)
        bands = " / ".join(_rate(b.no_return) or "–" for b in r.bands)
        lines.append(f"{_pad(label, width)}{r.auc:>8.4f}{r.top10_rate:>20.3f}"
                     f"{r.top10_lift:>14.2f}   {bands}")  # fmt: skip
    risk = result.ranker("risk")
    sizes = {b.band: f"{b.customers:,}" for b in risk.bands}
    lines += ["", render(Msg("backtest.bands_note", sizes))]
    beats = all(risk.auc > result.ranker(n).auc for n in RANKERS if n != "risk")
    lines.append(render(Msg("backtest.verdict.beats" if beats else "backtest.verdict.not")))
    return lines
