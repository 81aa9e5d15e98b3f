"""The layers in pyproject.toml hold, and the code is ruff-clean: checked on every run."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_hold() -> None:
    # In a subprocess: import-linter reconfigures logging, which would silence the
    # query-counting loggers other tests rely on.
    code = (
        "from importlinter.cli import lint_imports; "
        f"raise SystemExit(lint_imports(config_filename={str(ROOT / 'pyproject.toml')!r}, "
        "no_cache=True))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_ruff_clean() -> None:
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    if not Path(ruff).exists():
        pytest.skip("ruff is not installed")
    result = subprocess.run(
        [ruff, "check", "--quiet", "dealerdesk", "tests", "benchmarks", "main.py"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_view_reaches_the_database() -> None:
    offenders = [
        p.name
        for p in (ROOT / "dealerdesk" / "ui").glob("*.py")
        if any(
            line.lstrip().startswith(("import peewee", "from peewee", "from dealerdesk.store"))
            for line in p.read_text(encoding="utf-8").splitlines()
        )
    ]
    assert offenders == []
