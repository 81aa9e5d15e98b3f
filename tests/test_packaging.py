"""An installed copy (``pip install .``) carries every resource the app reads."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

from dealerdesk import paths

ROOT = Path(__file__).resolve().parents[1]


def test_every_shipped_resource_is_in_the_wheels_data_files() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = {f for files in config["tool"]["setuptools"]["data-files"].values() for f in files}
    needed = {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "resources").rglob("*")
        if p.is_file() and p.suffix not in {".qm", ".md"}  # .qm is built from the .ts
    }
    assert needed - listed == set(), "add these to [tool.setuptools.data-files]"


def test_an_installed_copy_finds_its_resources_under_the_prefix(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert paths.resource_dir() == ROOT / "resources"  # a checkout reads its own folder
    monkeypatch.setattr(paths, "__file__", str(tmp_path / "site" / "dealerdesk" / "paths.py"))
    monkeypatch.setattr(sys, "prefix", str(tmp_path / "venv"))
    assert paths.resource_dir() == tmp_path / "venv" / "share" / "dealerdesk" / "resources"
