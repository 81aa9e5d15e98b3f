"""A raw connection to a test database on either backend, for tests that look at (or
plant) rows beside the store: ``sqlite3.connect`` for a file, and for a ``ServerUrl`` a
separate PostgreSQL connection through the store's dialect (``?`` parameters, dates as
ISO text), so the same assertions hold on both runs."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from dealerdesk.paths import ServerUrl
from dealerdesk.store import dialect


class PgConnection:
    """The part of ``sqlite3.Connection`` the tests use, on a PostgreSQL database."""

    def __init__(self, url: ServerUrl) -> None:
        self._db = dialect.PgDatabase(url.raw)
        self._db.connect()

    def execute(self, sql: str, params: Any = ()) -> Any:
        return self._db.execute_sql(sql, params)

    def commit(self) -> None:
        """Each statement commits by itself (peewee's connections are autocommit)."""

    def close(self) -> None:
        self._db.close()


def connect(target: Path | ServerUrl) -> Any:
    if isinstance(target, ServerUrl):
        return PgConnection(target)
    return sqlite3.connect(target)


def table_names(con: Any) -> list[str]:
    if isinstance(con, PgConnection):
        sql = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
    else:
        sql = "SELECT name FROM sqlite_master WHERE type = 'table'"
    return sorted(r[0] for r in con.execute(sql).fetchall())


def snapshot(target: Path | ServerUrl) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in a fixed order (compare before and after)."""
    con = connect(target)
    try:
        return {
            t: sorted((tuple(r) for r in con.execute(f"SELECT * FROM {t}").fetchall()), key=repr)
            for t in table_names(con)
        }
    finally:
        con.close()


def query(target: Path | ServerUrl, sql: str, *args: object) -> list[tuple[object, ...]]:
    con = connect(target)
    try:
        return [tuple(r) for r in con.execute(sql, args).fetchall()]
    finally:
        con.close()
