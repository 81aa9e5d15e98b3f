"""Stored values back to Python: dates and timestamps as SQLite (ISO text) or
PostgreSQL (native types) return them. One place, so every query reads them alike."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache


def to_date(value: object) -> date | None:
    """A stored date or timestamp as a date; None (or "") stays None."""
    if type(value) is str:  # the common case, first: a run converts ~1M of them
        return iso_date(value[:10]) if value else None
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return iso_date(str(value)[:10])


@lru_cache(maxsize=65536)
def iso_date(text: str) -> date:
    # A full planning run parses ~2 million dates, mostly the same few thousand days.
    return date.fromisoformat(text)


def to_datetime(value: object) -> datetime | None:
    """A stored timestamp (or bare date, taken as midnight) as a datetime."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    text = str(value)
    return datetime.fromisoformat(text if len(text) > 10 else text + " 00:00:00")
