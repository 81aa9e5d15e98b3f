"""Shared fixtures: a fresh migrated database per test, Qt offscreen.

The backend: SQLite files by default; with ``DEALERDESK_TEST_DB=postgresql://user@host:port/db``
(a server where that user may create databases) every ``db_path`` is instead a new
PostgreSQL database, cloned from a migrated template made once per run, so the same
tests run on both backends (``.ci/run`` does both).
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
TEST_DB_ENV = "DEALERDESK_TEST_DB"
SERVER = os.environ.get(TEST_DB_ENV, "")
_numbers = itertools.count(1)


def pytest_report_header() -> str:
    return f"dealerdesk backend: {'PostgreSQL ' + SERVER if SERVER else 'SQLite files'}"


def _admin(url: str) -> Any:
    import psycopg2

    conn = psycopg2.connect(url)
    conn.autocommit = True
    return conn


def _with_db(url: str, name: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url)._replace(path="/" + name).geturl()


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """A migrated PostgreSQL database to clone per test (the server run only)."""
    from dealerdesk.store import db as store_db
    from dealerdesk.store import open_database

    name = f"dd_tpl_{os.getpid()}"
    conn = _admin(SERVER)
    with conn.cursor() as cur:
        cur.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        cur.execute(f"CREATE DATABASE {name}")
    conn.close()
    open_database(_with_db(SERVER, name))
    store_db.close()
    yield name
    conn = _admin(SERVER)
    with conn.cursor() as cur:
        cur.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    conn.close()


def new_server_db(template: str) -> str:
    """A fresh copy of the template; returns its address."""
    name = f"dd_t_{os.getpid()}_{next(_numbers)}"
    conn = _admin(SERVER)
    with conn.cursor() as cur:
        cur.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        cur.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
    conn.close()
    return _with_db(SERVER, name)


def drop_server_db(url: str) -> None:
    from urllib.parse import urlsplit

    conn = _admin(SERVER)
    with conn.cursor() as cur:
        cur.execute(f"DROP DATABASE IF EXISTS {urlsplit(url).path.lstrip('/')} WITH (FORCE)")
    conn.close()


@pytest.fixture(autouse=True)
def _isolated_data_dir(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test writes logs or settings into the real user's data folder."""
    data = tmp_path_factory.mktemp("data")
    monkeypatch.setenv("DEALERDESK_DATA", str(data))
    monkeypatch.delenv("DEALERDESK_DB", raising=False)


@pytest.fixture(autouse=True)
def _nobody_signed_in() -> Iterator[None]:
    """issue #11: a session (and the audit actor) never leaks from one test into the next."""
    import sys

    yield
    auth = sys.modules.get("dealerdesk.services.auth")
    if auth is not None:
        auth.sign_out()


@pytest.fixture
def db_path(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Path]:
    """A new, migrated database: a file (not :memory:, so worker threads share it), or on
    the server run a new PostgreSQL database (a ``ServerUrl``, which stands for a path)."""
    from dealerdesk.paths import ServerUrl
    from dealerdesk.store import db as store_db
    from dealerdesk.store import open_database

    if SERVER:
        url = ServerUrl(new_server_db(request.getfixturevalue("pg_template")))
        open_database(url)
        yield url  # type: ignore[misc]
        store_db.close()
        drop_server_db(url.raw)
        return
    path = tmp_path / "test.db"
    open_database(path)
    yield path
    store_db.close()


@pytest.fixture(autouse=True)
def _no_unexpected_dialogs(request: pytest.FixtureRequest) -> Iterator[list[tuple[str, str, str]]]:
    """Any modal dialog a test did not answer fails the test instead of hanging the suite.

    Tests that expect dialogs use the ``dialogs`` fixture to queue answers.
    """
    if "qtbot" not in request.fixturenames and "dialogs" not in request.fixturenames:
        yield []
        return
    from dealerdesk.ui import dialogs as ui_dialogs

    seen: list[tuple[str, str, str]] = []

    def refuse(kind: str, title: str, text: str) -> object:
        seen.append((kind, title, text))
        raise AssertionError(f"unexpected {kind} dialog: {title}: {text}")

    ui_dialogs.set_responder(refuse)
    yield seen
    ui_dialogs.set_responder(None)


class DialogAnswers:
    """Queue answers for the dialogs a test expects; records every dialog shown."""

    def __init__(self) -> None:
        self.answers: list[object] = []
        self.seen: list[tuple[str, str, str]] = []

    def answer(self, *values: object) -> None:
        self.answers.extend(values)

    def __call__(self, kind: str, title: str, text: str) -> object:
        self.seen.append((kind, title, text))
        if not self.answers:
            raise AssertionError(f"unexpected {kind} dialog: {title}: {text}")
        return self.answers.pop(0)


@pytest.fixture
def dialogs(_no_unexpected_dialogs: list[tuple[str, str, str]]) -> Iterator[DialogAnswers]:
    from dealerdesk.ui import dialogs as ui_dialogs

    answers = DialogAnswers()
    ui_dialogs.set_responder(answers)
    yield answers
    ui_dialogs.set_responder(None)


@pytest.fixture(autouse=True)
def _no_leaked_windows(request: pytest.FixtureRequest) -> Iterator[None]:
    """A test that leaves a visible top-level window behind fails (pytest-qt tests only)."""
    yield
    if "qtbot" not in request.fixturenames:
        return
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        return
    leaked = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
    for w in leaked:
        w.close()
    assert not leaked, f"test leaked windows: {[type(w).__name__ for w in leaked]}"
