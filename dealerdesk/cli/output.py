"""Tables and CSV on stdout, aligned in terminal cells (Chinese takes two)."""

from __future__ import annotations

import csv
import sys
import unicodedata
from collections.abc import Sequence

from dealerdesk import i18n


def emit(fmt: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(header)
        writer.writerows(rows)
        return
    if not rows:
        print(i18n.t("cli.nothing"))
        return
    cols = [min(40, max(cells(h), *(cells(r[i]) for r in rows))) for i, h in enumerate(header)]
    print("  ".join(pad(h, w) for h, w in zip(header, cols, strict=True)).rstrip())
    for row in rows:
        print("  ".join(pad(fit(c, w), w) for c, w in zip(row, cols, strict=True)).rstrip())


def char_cells(ch: str) -> int:
    """Terminal cells of one character: Chinese and full-width forms take two, combining
    marks none. The standard library's East Asian Width table is what terminals follow
    (wcwidth would be one more dependency for the same answer on this text)."""
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def cells(text: str) -> int:
    return len(text) if text.isascii() else sum(char_cells(c) for c in text)


def pad(text: str, width: int) -> str:
    return text + " " * (width - cells(text))


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells, "…" (one cell) marking the cut."""
    if cells(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        if used + char_cells(ch) > width - 1:
            break
        out.append(ch)
        used += char_cells(ch)
    return "".join(out) + "…"
