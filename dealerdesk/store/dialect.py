"""The one seam between SQLite and PostgreSQL.

The store's queries were written for SQLite: ``?`` and ``:name`` parameters, ``total()``,
``instr``, ``julianday``, ``date(x, '+13 months')``, ``sum(a = b)``, ``substr`` over a
timestamp, ``CROSS JOIN … ON`` as a join-order hint. Rather than fork every query, the
PostgreSQL side is made to speak that much SQLite, in three small places:

1. ``PgDatabase.execute_sql`` rewrites parameters (``?`` → ``%s``, ``:name`` →
   ``%(name)s``, a literal ``%`` → ``%%``) and turns ``CROSS JOIN t ON`` into ``JOIN``.
   peewee's own queries already use ``%s`` and pass through unchanged.
2. ``PG_COMPAT`` creates, once per database, the handful of SQLite functions the queries
   use (``total``, ``instr``, ``julianday``, two-argument ``date``/``min``/``max``,
   ``sum``/``total`` over a condition, ``substr`` over a timestamp).
3. Results come back shaped as SQLite returns them: dates and timestamps as ISO text,
   NUMERIC as float, booleans stored as SMALLINT 0/1 (so ``archived = 0`` means the same
   on both). Code above the store cannot tell the backends apart.

New SQL should still be portable (see CONVENTIONS.md); the helpers at the bottom
(``ordered_join``, ``no_index``, ``executemany``, ``plain_indexes``) are for the few
things that cannot be.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any, ClassVar

from peewee import (
    Database,
    DatabaseError,
    InterfaceError,
    OperationalError,
    PostgresqlDatabase,
    SqliteDatabase,
)

try:  # the driver is only needed for a server database
    import psycopg2
    import psycopg2.extensions as pg_ext
    import psycopg2.extras as pg_extras
except ImportError:  # pragma: no cover - psycopg2-binary is a dependency
    psycopg2 = None


def is_postgres(database: Database) -> bool:
    db = getattr(database, "obj", database)  # a DatabaseProxy or the database itself
    return isinstance(db, PostgresqlDatabase)


def is_sqlite(database: Database) -> bool:
    return isinstance(getattr(database, "obj", database), SqliteDatabase)


# --- parameter and syntax translation (PostgreSQL only) ---------------------------------

_TOKENS = re.compile(
    r"""('(?:[^']|'')*')          # a string literal: copied as it is
      | ("(?:[^"]|"")*")          # a quoted identifier
      | (::)                      # a PostgreSQL cast, not a named parameter
      | \?(\d*)                   # a positional parameter, maybe numbered (?1)
      | :([A-Za-z_][A-Za-z0-9_]*) # a named parameter
      | (%)                       # a literal percent sign
    """,
    re.VERBOSE,
)
_NUMBERED = re.compile(r"\?\d")
_CROSS_JOIN_ON = re.compile(r"\bCROSS\s+JOIN\s+(\w+(?:\s+(?!ON\b)\w+)?)\s+ON\b", re.IGNORECASE)


@lru_cache(maxsize=2048)
def translate(sql: str, named: bool) -> str:
    """SQLite-flavoured SQL as psycopg2 wants it (see the module docstring)."""

    def sub(m: re.Match[str]) -> str:
        if m.group(1) or m.group(2):  # quoted: only psycopg2's own "%" needs escaping
            return m.group(0).replace("%", "%%")
        if m.group(3):
            return m.group(0)
        if m.group(4) is not None:
            return f"%(p{m.group(4)})s" if m.group(4) else "%s"
        if m.group(5):
            return f"%({m.group(5)})s" if named else m.group(0)
        return "%%"

    out = _TOKENS.sub(sub, sql)
    # A join-order hint for SQLite's planner; PostgreSQL plans joins itself.
    return _CROSS_JOIN_ON.sub(r"JOIN \1 ON", out)


def _is_peewee_sql(sql: str) -> bool:
    return "%s" in sql or "%(" in sql


if psycopg2 is not None:
    # Booleans live in SMALLINT columns as 0/1 (see PgDatabase.field_types), so a Python
    # bool goes to the server as 0 or 1, as sqlite3 sends it.
    pg_ext.register_adapter(bool, lambda b: pg_ext.AsIs("1" if b else "0"))

    def _as_text(value: str | None, _cur: object) -> str | None:
        return value

    def _as_float(value: str | None, _cur: object) -> float | None:
        return None if value is None else float(value)

    _DATE_TEXT = pg_ext.new_type((1082,), "DD_DATE", _as_text)
    _TIMESTAMP_TEXT = pg_ext.new_type((1114,), "DD_TIMESTAMP", _as_text)
    _NUMERIC_FLOAT = pg_ext.new_type((1700,), "DD_NUMERIC", _as_float)


class PgDatabase(PostgresqlDatabase):
    """peewee's PostgreSQL database, taught the store's SQLite dialect."""

    # SMALLINT booleans: see the module docstring. DOUBLE PRECISION floats: SQLite's REAL
    # is 8 bytes, PostgreSQL's is 4 and would round scores on a copy.
    field_types: ClassVar[dict[str, str]] = {
        **PostgresqlDatabase.field_types, "BOOL": "SMALLINT", "FLOAT": "DOUBLE PRECISION",
    }  # fmt: skip

    def _connect(self) -> Any:
        conn = super()._connect()
        for caster in (_DATE_TEXT, _TIMESTAMP_TEXT, _NUMERIC_FLOAT):
            pg_ext.register_type(caster, conn)
        with conn.cursor() as cur:
            cur.execute("SET DateStyle = 'ISO, YMD'; SET TimeZone = 'UTC'")
            # A write waits for another desk's row lock as long as SQLite's busy timeout.
            cur.execute(f"SET lock_timeout = '{int(self.busy_deadline_s * 1000)}ms'")
        return conn

    busy_deadline_s = 10.0
    on_busy: Any = None  # set by store.db: turns a lock timeout or deadlock into a sentence
    on_lost: Any = None  # set by store.db: the connection died inside a transaction

    def begin(self, isolation_level: Any = None) -> None:
        self._revive()
        try:
            super().begin(isolation_level)
        except (OperationalError, InterfaceError) as exc:
            if not _is_lost(exc):
                raise
            self.close()  # nothing was done yet: a new connection, and begin again
            self.connect()
            super().begin(isolation_level)

    def rollback(self) -> None:
        try:
            super().rollback()
        except (OperationalError, InterfaceError) as exc:
            if not _is_lost(exc):
                raise
            self.close()  # the server rolled back when the connection died

    def execute_sql(self, sql: str, params: Any = None) -> Any:
        self._revive()
        try:
            return self._execute(sql, params)
        except (OperationalError, DatabaseError, InterfaceError) as exc:
            code = getattr(getattr(exc, "orig", None), "pgcode", None)
            if code in _BUSY_CODES and self.on_busy is not None:
                raise self.on_busy(exc) from exc
            if _is_lost(exc):
                if self.in_transaction() and self.on_lost is not None:
                    raise self.on_lost(exc) from exc
                if not self.in_transaction():  # a lone statement: reconnect, run it again
                    self.close()
                    self.connect()
                    return self._execute(sql, params)
            raise

    def _revive(self) -> None:
        """A connection the server dropped (a restart, a network blip) is replaced before
        the next transaction, so the desk recovers by itself."""
        if not self.is_closed() and not self.in_transaction() and not self.is_connection_usable():
            self.close()
            self.connect()

    def _execute(self, sql: str, params: Any) -> Any:
        if _is_peewee_sql(sql):
            return self._execute_cursor(sql, params)
        if params and not isinstance(params, dict) and _NUMBERED.search(sql):
            params = {f"p{i}": v for i, v in enumerate(params, 1)}
        cursor = self._execute_cursor(translate(sql, isinstance(params, dict)), params)
        return _InsertCursor(cursor) if sql.lstrip()[:6].upper() == "INSERT" else cursor


_LOST = ("server closed the connection", "connection already closed", "terminating connection",
         "connection not open", "ssl connection has been closed")  # fmt: skip


def _is_lost(exc: BaseException) -> bool:
    text = str(exc).lower()
    return any(s in text for s in _LOST)


# lock_not_available (lock_timeout), deadlock_detected, serialization_failure
_BUSY_CODES = frozenset({"55P03", "40P01", "40001"})


class _InsertCursor:
    """A cursor whose ``lastrowid`` is the id just inserted, as sqlite3's is (psycopg2's is
    an OID); the rest is the cursor's."""

    def __init__(self, cursor: Any) -> None:
        self._cursor = cursor

    @property
    def lastrowid(self) -> int:
        self._cursor.execute("SELECT lastval()")
        return int(self._cursor.fetchone()[0])

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)

    def __iter__(self) -> Any:
        return iter(self._cursor)


# SQLite functions the store's queries use, defined once per PostgreSQL database.
# (All IMMUTABLE SQL functions, so the planner inlines them.)
PG_COMPAT = r"""
CREATE OR REPLACE FUNCTION instr(text, text) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT strpos($1, $2)';
CREATE OR REPLACE FUNCTION julianday(timestamp) RETURNS double precision
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT extract(epoch FROM $1) / 86400.0 + 2440587.5';
CREATE OR REPLACE FUNCTION julianday(date) RETURNS double precision
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT julianday($1::timestamp)';
CREATE OR REPLACE FUNCTION julianday(text) RETURNS double precision
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT julianday($1::timestamp)';
CREATE OR REPLACE FUNCTION date(timestamp, text) RETURNS date
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT ($1 + $2::interval)::date';
CREATE OR REPLACE FUNCTION date(date, text) RETURNS date
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT ($1 + $2::interval)::date';
CREATE OR REPLACE FUNCTION date(text, text) RETURNS date
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT ($1::timestamp + $2::interval)::date';
CREATE OR REPLACE FUNCTION substr(timestamp, integer, integer) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT substr($1::text, $2, $3)';
CREATE OR REPLACE FUNCTION substr(date, integer, integer) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT substr($1::text, $2, $3)';
CREATE OR REPLACE FUNCTION min(anyelement, anyelement) RETURNS anyelement
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT CASE WHEN $1 IS NULL OR $2 IS NULL
    THEN NULL ELSE least($1, $2) END';
CREATE OR REPLACE FUNCTION max(anyelement, anyelement) RETURNS anyelement
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT CASE WHEN $1 IS NULL OR $2 IS NULL
    THEN NULL ELSE greatest($1, $2) END';
CREATE OR REPLACE FUNCTION dd_add_bool(bigint, boolean) RETURNS bigint
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT $1 + CASE WHEN $2 THEN 1 ELSE 0 END';
CREATE OR REPLACE FUNCTION dd_add_bool_f(double precision, boolean) RETURNS double precision
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS 'SELECT $1 + CASE WHEN $2 THEN 1 ELSE 0 END';
CREATE OR REPLACE FUNCTION dd_add_f(double precision, double precision)
  RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS 'SELECT $1 + coalesce($2, 0)';
CREATE OR REPLACE AGGREGATE total(double precision)
  (SFUNC = float8pl, STYPE = float8, INITCOND = '0');
CREATE OR REPLACE AGGREGATE total(boolean)
  (SFUNC = dd_add_bool_f, STYPE = float8, INITCOND = '0');
CREATE OR REPLACE AGGREGATE sum(boolean) (SFUNC = dd_add_bool, STYPE = int8, INITCOND = '0');
"""


def install_compat(database: Database) -> None:
    """Create the SQLite-compatible functions (idempotent; PostgreSQL only)."""
    if is_postgres(database):
        database.execute_sql(PG_COMPAT)


# --- helpers for the few things that differ ------------------------------------------


def ordered_join(database: Database) -> str:
    """``CROSS JOIN`` keeps SQLite's planner on the written order; elsewhere a plain JOIN."""
    return "JOIN" if is_postgres(database) else "CROSS JOIN"


def no_index(database: Database, column: str) -> str:
    """SQLite's unary ``+`` stops the planner using an index on *column*."""
    return column if is_postgres(database) else f"+{column}"


def group_concat(database: Database, expr: str, sep_param: str = "?") -> str:
    """The aggregate that joins strings with a separator given as a parameter."""
    if is_postgres(database):
        return f"string_agg({expr}, {sep_param})"
    return f"group_concat({expr}, {sep_param})"


def whole(database: Database, expr: str) -> str:
    """Truncate a real to an integer (SQLite's CAST truncates, PostgreSQL's rounds)."""
    if is_postgres(database):
        return f"CAST(trunc({expr}) AS INTEGER)"
    return f"CAST({expr} AS INTEGER)"


def executemany(database: Database, sql: str, rows: Iterable[Sequence[Any]]) -> int:
    """Run one statement for many rows on the current connection; return rows changed.

    SQLite: the cursor's ``executemany`` (16x faster than peewee's ``insert_many``).
    PostgreSQL: psycopg2's ``execute_values`` in pages, so a 100k-row write is a few
    hundred round trips instead of 100k.
    """
    if not is_postgres(database):
        conn = database.connection()
        before = conn.total_changes
        database.cursor().executemany(sql, rows)
        return int(conn.total_changes - before)
    pg_sql = translate(sql, False)
    values = re.search(r"VALUES\s*(\([^()]*%s[^()]*\))", pg_sql, re.IGNORECASE)
    cursor = database.cursor()
    changed = 0
    page: list[Sequence[Any]] = []
    if values is None:  # an UPDATE or DELETE per row
        for row in rows:
            cursor.execute(pg_sql, row)
            changed += max(cursor.rowcount, 0)
        return changed
    bulk_sql = pg_sql[: values.start(1)] + "%s" + pg_sql[values.end(1) :]
    template = values.group(1)

    def flush() -> int:
        pg_extras.execute_values(cursor, bulk_sql, page, template=template, page_size=len(page))
        return max(cursor.rowcount, 0)

    for row in rows:
        page.append(row)
        if len(page) == 2000:
            changed += flush()
            page = []
    if page:
        changed += flush()
    return changed


def plain_indexes(database: Database, table: str) -> list[tuple[str, str]]:
    """(name, CREATE statement) of *table*'s non-unique, non-primary-key indexes."""
    if is_postgres(database):
        rows = database.execute_sql(
            "SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x"
            " JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
            " WHERE t.relname = %s AND NOT x.indisunique AND NOT x.indisprimary"
            " AND t.relnamespace = to_regnamespace(current_schema())::oid",
            (table,),
        ).fetchall()
    else:
        rows = database.execute_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?"
            " AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'",
            (table,),
        ).fetchall()
    return [(r[0], r[1]) for r in rows]


def foreign_key_violations(database: Database) -> int:
    """Rows whose links point nowhere (SQLite checks after a migration; PostgreSQL never
    lets them exist)."""
    if is_postgres(database):
        return 0
    return len(database.execute_sql("PRAGMA foreign_key_check").fetchall())


def set_foreign_keys(database: Database, on: bool) -> None:
    """SQLite only: table rebuilds in migrations need the cascade switched off."""
    if is_sqlite(database):
        database.execute_sql(f"PRAGMA foreign_keys = {'ON' if on else 'OFF'}")


def lock_for_explicit_ids(database: Database, tables: Sequence[str]) -> None:
    """Inside a write transaction that gives new rows explicit ids from ``max(id) + 1``:
    keep other writers out of *tables* until it commits. SQLite already has one writer at
    a time (BEGIN IMMEDIATE); on PostgreSQL two imports would read the same ``max(id)``,
    and a desk's ordinary insert could take one of the ids from the sequence, so the
    tables are locked against writes (readers go on; a writer waits up to lock_timeout
    and is then told, in one sentence, who holds the database)."""
    if is_postgres(database) and tables:
        database.execute_sql(f"LOCK TABLE {', '.join(tables)} IN EXCLUSIVE MODE")


def reset_sequences(database: Database, tables: Iterable[str]) -> None:
    """After rows were copied with their ids, let new rows continue after the highest."""
    if not is_postgres(database):
        return
    for table in tables:
        database.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
            f" coalesce((SELECT max(id) FROM {table}), 0) + 1, false)"
            f" WHERE pg_get_serial_sequence('{table}', 'id') IS NOT NULL"
        )
