"""What ``dealerdesk info`` and the About box show about the open database."""

from __future__ import annotations

from dealerdesk.store import db
from dealerdesk.store.bulk import table_counts
from dealerdesk.store.migrations import schema_version
from dealerdesk.store.records import DatabaseInfo, TableCount


def database_info() -> DatabaseInfo:
    return DatabaseInfo(
        path=str(db.current_target()),
        schema_version=schema_version(db.database) or 0,
        size_bytes=db.size_bytes(),
        counts=tuple(TableCount(t, n) for t, n in table_counts()),
    )
