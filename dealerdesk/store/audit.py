"""The append-only audit trail (issue #11): who changed what, and when.

Rows are only ever inserted (``record``); triggers installed by ``install_append_only``
make the database itself refuse UPDATE and DELETE on ``audit_log``, on SQLite
(``RAISE(ABORT)``) and on PostgreSQL (a trigger function raising an exception).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from peewee import Database

from dealerdesk.store import dialect
from dealerdesk.store.convert import to_datetime
from dealerdesk.store.db import database
from dealerdesk.store.models import AuditLog

REFUSAL = "audit_log is append-only"
# The signed-in staff member of this process (the window has one user; the worker thread
# writes for them), recorded on audit rows whose caller names no one.
_actor: int | None = None

_SQLITE = (
    "CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log "
    f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END",
    "CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log "
    f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END",
)
_POSTGRES = (
    "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$ "
    f"BEGIN RAISE EXCEPTION '{REFUSAL}'; END $$ LANGUAGE plpgsql",
    "DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log",
    "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
)


def install_append_only(db: Database) -> None:
    """Create the triggers that refuse UPDATE and DELETE on the audit trail."""
    statements = _POSTGRES if dialect.is_postgres(db) else _SQLITE
    for sql in statements:
        db.execute_sql(sql)


@dataclass(frozen=True, slots=True)
class AuditRow:
    """One audited change: when, who (name or None for the system), what and which row."""

    id: int
    at: datetime
    staff_id: int | None
    staff_name: str | None
    action: str
    entity: str
    entity_id: int | None
    details: str


def set_actor(staff_id: int | None) -> None:
    """Who this process acts for from now on (sign-in, or the system account)."""
    global _actor
    _actor = staff_id


def actor() -> int | None:
    return _actor


def record(
    action: str,
    entity: str,
    entity_id: int | None,
    details: Mapping[str, Any] | None = None,
    staff_id: int | None = None,
    *,
    at: datetime | None = None,
) -> None:
    """Append one row (the caller's transaction holds it together with the change)."""
    values: dict[str, Any] = {
        "action": action[:20], "entity": entity[:20], "entity_id": entity_id,
        "staff": staff_id if staff_id is not None else _actor,
        "details": json.dumps(dict(details or {}), default=str, ensure_ascii=False),
    }  # fmt: skip
    if at is not None:
        values["at"] = at.replace(microsecond=0)
    AuditLog.create(**values)


def audit_rows(
    *, since: date | None = None, limit: int | None = None, newest_first: bool = False
) -> list[AuditRow]:
    """The trail, oldest first (or newest first), from *since* (a day, included)."""
    sql = (
        "SELECT a.id, a.at, a.staff_id, s.name, a.action, a.entity, a.entity_id, a.details "
        "FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id"
    )
    params: list[Any] = []
    if since is not None:
        sql += " WHERE a.at >= ?"
        params.append(datetime.combine(since, datetime.min.time()).isoformat(" "))
    sql += " ORDER BY a.id DESC" if newest_first else " ORDER BY a.at, a.id"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    rows = database.execute_sql(sql, params).fetchall()
    out = []
    for r in rows:
        at = to_datetime(r[1])
        assert at is not None
        out.append(AuditRow(id=r[0], at=at, staff_id=r[2], staff_name=r[3], action=r[4],
                            entity=r[5], entity_id=r[6], details=r[7] or ""))  # fmt: skip
    return out
