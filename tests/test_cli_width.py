"""CLI tables measured in terminal cells (a Chinese character takes two), CSV untouched."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from dealerdesk import cli, i18n

TODAY = "2026-11-23"


def cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def column_starts(line: str, values: list[str]) -> list[int]:
    """Display column where each value starts on ``line``."""
    starts, pos = [], 0
    for value in values:
        index = line.index(value, pos)
        starts.append(cells(line[:index]))
        pos = index + len(value)
    return starts


def test_table_columns_line_up_in_display_cells(capsys: pytest.CaptureFixture[str]) -> None:
    rows = [["欧阳娜娜", "139", "x"], ["Li", "138", "y"], ["ＡＡ４２", "137", "z"]]
    cli.emit("table", ["customer", "phone", "k"], rows)
    lines = capsys.readouterr().out.splitlines()
    starts = {tuple(column_starts(line, row)) for line, row in zip(lines[1:], rows, strict=True)}
    assert starts == {(0, 10, 17)}  # 欧阳娜娜 is 8 cells, "phone" 5, each + 2 spaces


def test_long_chinese_text_is_cut_to_the_column_in_cells(
    capsys: pytest.CaptureFixture[str],
) -> None:
    cli.emit("table", ["reason", "x"], [["保" * 30, "a"], ["short", "b"]])
    first, second = capsys.readouterr().out.splitlines()[1:]
    assert first.startswith("保" * 19 + "…")  # 38 cells + the one-cell ellipsis
    assert cells(first[: first.index("  a")]) == cells(second[: second.index("  b")]) <= 40


def test_csv_is_not_padded(capsys: pytest.CaptureFixture[str]) -> None:
    rows = [["欧阳娜娜", "139"], ["Li", "138"]]
    cli.emit("csv", ["customer", "phone"], rows)
    assert list(csv.reader(io.StringIO(capsys.readouterr().out))) == [["customer", "phone"], *rows]


def run(*args: str, lang: str = "C.UTF-8") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LANG": lang, "LC_ALL": "", "LC_MESSAGES": ""}
    return subprocess.run([sys.executable, "-m", "dealerdesk", *args], capture_output=True,
                          text=True, env=env, timeout=300, check=False)  # fmt: skip


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("width") / "demo.db"
    done = run("demo", "--db", str(path), "--customers", "300", "--today", TODAY)
    assert done.returncode == 0, done.stderr
    return path


def test_today_in_chinese_lines_up_and_csv_is_the_same_rows(demo: Path) -> None:
    table = run("today", "--db", str(demo), "--today", TODAY, lang="zh_CN.UTF-8")
    assert table.returncode == 0, table.stderr
    lines = table.stdout.splitlines()
    assert lines[0].split()[:4] == ["员工", "序号", "到期", "逾期天数"]  # follows LANG
    as_csv = run("--lang", "zh_CN", "today", "--db", str(demo), "--today", TODAY,
                 "--format", "csv")  # fmt: skip
    rows = list(csv.reader(io.StringIO(as_csv.stdout)))[1:]
    assert any(cells(r[4]) != len(r[4]) for r in rows)  # Chinese names are in the list
    # Where each value starts is the same display column on every printed row.
    printed = zip(lines[1:], rows, strict=False)
    starts = {tuple(column_starts(line, r[:6])) for line, r in printed if r[5]}
    assert len(starts) == 1, starts
    # --lang wins over LANG
    english = run("--lang", "en", "today", "--db", str(demo), "--today", TODAY,
                  lang="zh_CN.UTF-8")  # fmt: skip
    assert english.stdout.split()[:2] == ["staff", "#"]
    i18n.set_language("en")
