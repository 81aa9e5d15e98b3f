"""Key/value settings rows."""

from __future__ import annotations

from collections.abc import Mapping

from dealerdesk.store.db import database
from dealerdesk.store.models import Setting


def get_setting(key: str, default: str) -> str:
    row = Setting.get_or_none(Setting.key == key)
    return row.value if row else default


def set_setting(key: str, value: str) -> None:
    with database.atomic():
        Setting.insert(key=key, value=value).on_conflict(
            conflict_target=[Setting.key], update={Setting.value: value}
        ).execute()


def set_missing(values: Mapping[str, str], *, force: set[str]) -> None:
    with database.atomic():
        present = {s.key for s in Setting.select(Setting.key)}
        for key, value in values.items():
            if key in force:
                set_setting(key, value)
            elif key not in present:
                Setting.create(key=key, value=value)
