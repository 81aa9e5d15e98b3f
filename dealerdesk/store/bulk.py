"""Fast bulk loading for the demo generator and imports.

peewee's ``insert_many`` builds Python objects per row and was 16x slower than the
connection's ``executemany`` at a million rows (TOOLCHAIN.md), so bulk paths use the
raw cursor inside one transaction. Table and column names are checked against the
models, never taken from outside as SQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from dealerdesk.store import dialect
from dealerdesk.store.db import database
from dealerdesk.store.models import ALL_MODELS

_COLUMNS = {m._meta.table_name: {f.column_name for f in m._meta.sorted_fields} for m in ALL_MODELS}


def bulk_insert(table: str, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Insert *rows* into *table*; the caller wraps several calls in one transaction."""
    known = _COLUMNS.get(table)
    if known is None:
        raise ValueError(f"unknown table {table!r}")
    unknown = [c for c in columns if c not in known]
    if unknown:
        raise ValueError(f"unknown columns for {table}: {unknown}")
    marks = ",".join("?" * len(columns))
    sql = f"INSERT INTO {table} ({','.join(columns)}) VALUES ({marks})"
    n = dialect.executemany(database, sql, rows)
    if "id" in columns:  # ids given: a server's id sequence must continue after them
        dialect.reset_sequences(database, [table])
    return n


IN_CHUNK = 500  # ids bound per statement: well under SQLite's parameter limit


def select_in(sql: str, ids: Iterable[int], *, before: Sequence[object] = ()) -> list[Any]:
    """All rows of *sql* for many ids, ``IN_CHUNK`` at a time: *sql* marks where the id list
    goes with ``{ids}`` (``… WHERE f.id IN ({ids})``); *before* are the parameters that
    come ahead of it. Each id is asked for once, in ascending order."""
    unique = sorted(set(ids))
    out: list[Any] = []
    for i in range(0, len(unique), IN_CHUNK):
        part = unique[i : i + IN_CHUNK]
        marks = ",".join("?" * len(part))
        out += database.execute_sql(sql.format(ids=marks), [*before, *part]).fetchall()
    return out


def run_many(sql: str, rows: Iterable[Sequence[object]]) -> int:
    """One statement (``?`` parameters) for many rows, on either backend; rows changed."""
    return dialect.executemany(database, sql, rows)


@contextmanager
def indexes_rebuilt_after(table: str, *, enabled: bool = True) -> Iterator[None]:
    """Drop *table*'s plain (non-unique) indexes, run the block, create them again.

    Filling a table and indexing it afterwards is about twice as fast as maintaining
    every index row by row. Unique indexes stay: they guard the data (and ON CONFLICT
    needs them). Use inside the caller's transaction, so nobody sees the gap.
    """
    if not enabled:
        yield
        return
    if table not in _COLUMNS:
        raise ValueError(f"unknown table {table!r}")
    indexes = dialect.plain_indexes(database, table)
    for name, _sql in indexes:
        database.execute_sql(f'DROP INDEX "{name}"')
    yield
    for _name, sql in indexes:
        database.execute_sql(sql)


def table_counts() -> list[tuple[str, int]]:
    """Rows per table, in the models' order (for ``dealerdesk info``)."""
    out = []
    for model in ALL_MODELS:
        name = model._meta.table_name
        out.append((name, int(database.execute_sql(f"SELECT count(*) FROM {name}").fetchone()[0])))
    return out


def customer_count() -> int:
    return int(database.execute_sql("SELECT count(*) FROM customer").fetchone()[0])
