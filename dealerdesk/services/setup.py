"""First-run setup: the dealership's name and its first staff accounts, checked, in one go.

The window's setup wizard (``ui/first_run.py``) collects the answers; this checks them and
writes them in one transaction, so a refused answer leaves the new database untouched.
Accounts get no password here: signing in (with its passwords) is the safety work's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from dealerdesk.errors import ValidationError
from dealerdesk.i18n import t
from dealerdesk.store import setup_store

_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")
ROLES = ("manager", "desk")


@dataclass(frozen=True)
class NewStaff:
    """One account typed on the setup page: display name, sign-in name, role."""

    name: str
    username: str
    role: str = "desk"


def suggest_username(name: str, taken: set[str]) -> str:
    """A sign-in name from the display name: pinyin for Chinese ("李娜" → "lina")."""
    from pypinyin import lazy_pinyin

    base = re.sub(r"[^a-z0-9]", "", "".join(lazy_pinyin(name.strip())).lower()) or "staff"
    candidate, n = base[:36], 2
    while candidate in taken:
        candidate, n = f"{base[:36]}{n}", n + 1
    return candidate


def check_setup(
    *, dealership: str, staff: Sequence[NewStaff], taken: set[str] | None = None
) -> tuple[str, list[tuple[str, str, str]]]:
    """The cleaned answers, or ValidationError naming the field (and 1-based staff row).

    Pure (no database), so the wizard checks a page before anything exists on disk.
    """
    taken = set(taken or ())
    name = dealership.strip()
    if not name:
        raise ValidationError("dealership", t("setup.need_name"))
    if len(name) > 80:
        raise ValidationError("dealership", t("setup.too_long", n=80))
    rows: list[tuple[str, str, str]] = []
    for i, person in enumerate(staff, start=1):
        display, user = person.name.strip(), person.username.strip().lower()
        if not display:
            raise ValidationError("name", t("setup.need_staff_name"), row=i)
        if not _USERNAME.match(user):
            raise ValidationError("username", t("setup.bad_username"), row=i)
        if user in taken:
            raise ValidationError("username", t("setup.username_taken", username=user), row=i)
        if person.role not in ROLES:
            raise ValidationError("role", t("setup.bad_role"), row=i)
        taken.add(user)
        rows.append((display[:80], user, person.role))
    return name, rows


def apply_setup(
    *, dealership: str, staff: Sequence[NewStaff], rename_taken: bool = False
) -> list[int]:
    """Check every answer, then write them all in one transaction; the new staff ids.

    ``rename_taken`` gives a sign-in name the database already has (the demo's staff)
    a free variant ("lina2") instead of refusing it.
    """
    taken = setup_store.existing_usernames()
    if rename_taken:
        renamed = []
        for person in staff:
            user = person.username.strip().lower()
            if user in taken:
                user = suggest_username(user, taken)
            taken.add(user)
            renamed.append(NewStaff(person.name, user, person.role))
        staff, taken = renamed, setup_store.existing_usernames()
    name, rows = check_setup(dealership=dealership, staff=staff, taken=taken)
    return setup_store.write_setup(name, rows)
