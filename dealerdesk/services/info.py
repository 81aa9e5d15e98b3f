"""What ``dealerdesk info`` and the About box show about the open database."""

from __future__ import annotations

from dealerdesk.store import db
from dealerdesk.store.bulk import table_counts
from dealerdesk.store.migrations import schema_version
from dealerdesk.store.records import DatabaseInfo, TableCount


def database_info() -> DatabaseInfo:
    path = db.current_path()
    size = sum(p.stat().st_size for p in (path, path.with_name(path.name + "-wal")) if p.exists())
    return DatabaseInfo(
        path=str(path),
        schema_version=schema_version(db.database) or 0,
        size_bytes=size,
        counts=tuple(TableCount(t, n) for t, n in table_counts()),
    )
