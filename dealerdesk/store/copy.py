"""Copying a whole dealership between backends (a PC's file → a server, and back).

The target is migrated to this version's schema and must hold no DealerDesk rows. Every
table is copied in the models' foreign-key order, rows in primary-key pages (so a
million-row table never sits in memory), all inside ONE transaction on the target; the
rows per table are then counted on both sides and any difference undoes the whole copy.
The one self-reference (a customer referred by another customer, possibly a later one)
is written empty first and filled in once every customer is there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from peewee import Database, Model

from dealerdesk.errors import DealerDeskError
from dealerdesk.i18n import Msg
from dealerdesk.paths import DbTarget, ServerUrl, as_target
from dealerdesk.store import contact_history, db, dialect, open_database, visit_history
from dealerdesk.store.models import ALL_MODELS, SchemaVersion

PAGE = 20_000


@dataclass(frozen=True, slots=True)
class CopyResult:
    """Rows per table copied (every count verified equal on both sides)."""

    source: str
    target: str
    tables: tuple[tuple[str, int], ...]

    @property
    def rows(self) -> int:
        return sum(n for _, n in self.tables)


def _same(a: DbTarget, b: DbTarget) -> bool:
    if isinstance(a, ServerUrl) or isinstance(b, ServerUrl):
        return isinstance(a, ServerUrl) and isinstance(b, ServerUrl) and a.raw == b.raw
    return a.resolve() == b.resolve()


def copy_database(
    source: str | DbTarget,
    target: str | DbTarget,
    *,
    progress: Callable[[str, int], None] | None = None,
) -> CopyResult:
    """Copy everything from *source* into the empty *target* (files or server addresses)."""
    src_target, dst_target = as_target(source), as_target(target)
    if _same(src_target, dst_target):
        raise DealerDeskError(Msg("copy.same", {}))
    open_database(src_target, create=False)  # brings an older file to this schema first
    db.close()
    open_database(dst_target, create=True)
    target_db = db.database
    for model in ALL_MODELS:
        n = 0 if model is SchemaVersion else _count(target_db, model)
        if n:
            raise DealerDeskError(
                Msg(
                    "copy.not_empty",
                    {"target": str(dst_target), "n": n, "table": model._meta.table_name},
                )
            )
    src = db.make_database(src_target)
    src.connect()
    try:
        counts = _copy_all(src, target_db, progress)
    finally:
        src.close()
    return CopyResult(str(src_target), str(dst_target), counts)


def _count(database: Database, model: type[Model]) -> int:
    table = model._meta.table_name
    return int(database.execute_sql(f"SELECT count(*) FROM {table}").fetchone()[0])


def _pages(src: Database, model: type[Model], columns: list[str]) -> Iterator[list[Any]]:
    table, pk = model._meta.table_name, model._meta.primary_key.column_name
    at = columns.index(pk)
    last: Any = None
    while True:
        where = "" if last is None else f"WHERE {pk} > ?"
        rows = src.execute_sql(
            f"SELECT {', '.join(columns)} FROM {table} {where} ORDER BY {pk} LIMIT {PAGE}",
            () if last is None else (last,),
        ).fetchall()
        if not rows:
            return
        yield rows
        last = rows[-1][at]


def _copy_all(
    src: Database, dst: Database, progress: Callable[[str, int], None] | None
) -> tuple[tuple[str, int], ...]:
    out = []
    histories = (visit_history.HISTORY, contact_history.HISTORY)
    with dst.atomic():
        for history in histories:  # derived: rebuilt from the copied events, marked once
            history.drop_triggers(dst)
        for model in ALL_MODELS:
            table = model._meta.table_name
            columns = [f.column_name for f in model._meta.sorted_fields]
            if model is SchemaVersion:
                dst.execute_sql("DELETE FROM schema_version")
            self_refs = [
                f.column_name
                for f in model._meta.sorted_fields
                if getattr(f, "rel_model", None) is model
            ]
            held = [columns.index(c) for c in self_refs]
            later: list[tuple[Any, ...]] = []
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
            for rows in _pages(src, model, columns):
                if held:
                    pk_at = columns.index(model._meta.primary_key.column_name)
                    for r in rows:
                        for i in held:
                            if r[i] is not None:
                                later.append((columns[i], r[i], r[pk_at]))
                    rows = [tuple(None if i in held else v for i, v in enumerate(r)) for r in rows]
                dialect.executemany(dst, sql, rows)
            for column, value, pk in later:
                dst.execute_sql(f"UPDATE {table} SET {column} = ? WHERE id = ?", (value, pk))
            n_src, n_dst = _count(src, model), _count(dst, model)
            if n_src != n_dst:
                raise DealerDeskError(
                    Msg("copy.mismatch", {"table": table, "source": n_src, "target": n_dst})
                )
            out.append((table, n_dst))
            if progress:
                progress(table, n_dst)
        dialect.reset_sequences(
            dst, [m._meta.table_name for m in ALL_MODELS if "id" in m._meta.fields]
        )
        for history in histories:
            history.install(dst)
            history.mark_all_dirty(dst)
    return tuple(out)
