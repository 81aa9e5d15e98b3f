"""The first-run setup's writes: the dealership's name and its first staff accounts."""

from __future__ import annotations

from collections.abc import Sequence

from dealerdesk.store.db import database
from dealerdesk.store.models import Setting, Staff


def existing_usernames() -> set[str]:
    return {s.username for s in Staff.select(Staff.username)}


def write_setup(dealership: str, staff: Sequence[tuple[str, str, str]]) -> list[int]:
    """Name the dealership and add ``(name, username, role)`` accounts, all or nothing."""
    with database.atomic():
        Setting.insert(key="dealership", value=dealership).on_conflict(
            conflict_target=[Setting.key], update={Setting.value: dealership}
        ).execute()
        return [
            Staff.create(name=name, username=username, role=role).id
            for name, username, role in staff
        ]
