"""Reading the audit trail (issue #11): managers only, checked here."""

from __future__ import annotations

from datetime import date

from dealerdesk.services import auth
from dealerdesk.store import audit as store_audit
from dealerdesk.store.audit import AuditRow
from dealerdesk.vocab.staff import Permission


def audit_trail(*, since: date | None = None, limit: int | None = None) -> list[AuditRow]:
    """Every recorded change from *since*, oldest first (READ_AUDIT: managers, admins)."""
    auth.require(Permission.READ_AUDIT)
    return store_audit.audit_rows(since=since, limit=limit)


def recent_changes(*, limit: int = 500) -> list[AuditRow]:
    """The newest *limit* changes, newest first (the Settings screen's Audit tab)."""
    auth.require(Permission.READ_AUDIT)
    return store_audit.audit_rows(limit=limit, newest_first=True)


__all__ = ["AuditRow", "audit_trail", "recent_changes"]
