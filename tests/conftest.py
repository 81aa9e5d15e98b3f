"""Shared fixtures: a fresh migrated database file per test, Qt offscreen."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test writes logs or settings into the real user's data folder."""
    data = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("DEALERDESK_DATA", str(data))
    monkeypatch.delenv("DEALERDESK_DB", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Iterator[Path]:
    """A new, migrated database file (a file, not :memory:, so worker threads share it)."""
    from dealerdesk.store import db as store_db
    from dealerdesk.store import open_database

    path = tmp_path / "test.db"
    open_database(path)
    yield path
    store_db.close()
