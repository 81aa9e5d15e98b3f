"""Staff accounts for sign-in (issue #11): password hashes and roles, nothing else."""

from __future__ import annotations

from dataclasses import dataclass

from dealerdesk.store import audit
from dealerdesk.store.db import database
from dealerdesk.store.models import Staff


@dataclass(frozen=True, slots=True)
class Account:
    """A staff row as sign-in sees it; ``password_hash`` None means no sign-in account."""

    id: int
    name: str
    username: str
    role: str
    password_hash: str | None
    archived: bool


def _account(s: Staff) -> Account:
    return Account(id=s.id, name=s.name, username=s.username, role=s.role,
                   password_hash=s.password_hash, archived=bool(s.archived))  # fmt: skip


def accounts() -> list[Account]:
    """Every staff row, by id."""
    return [_account(s) for s in Staff.select().order_by(Staff.id)]


def count_sign_in_accounts() -> int:
    """Active staff with a password: two or more turn sign-in on."""
    return int(
        Staff.select()
        .where(Staff.password_hash.is_null(False) & (Staff.archived == False))  # noqa: E712
        .count()
    )


def by_username(username: str) -> Account | None:
    s = Staff.get_or_none(Staff.username == username)
    return _account(s) if s else None


def by_id(staff_id: int) -> Account | None:
    s = Staff.get_or_none(Staff.id == staff_id)
    return _account(s) if s else None


def set_password_hash(staff_id: int, password_hash: str | None, *, by: int | None) -> None:
    with database.atomic():
        Staff.update(password_hash=password_hash).where(Staff.id == staff_id).execute()
        audit.record("password", "staff", staff_id, {}, by)


def set_role(staff_id: int, role: str, *, by: int | None) -> None:
    with database.atomic():
        old = Staff.get_by_id(staff_id).role
        Staff.update(role=role).where(Staff.id == staff_id).execute()
        audit.record("role", "staff", staff_id, {"from": old, "to": role}, by)


def create_account(
    *, name: str, username: str, role: str, password_hash: str | None, by: int | None
) -> int:
    with database.atomic():
        s = Staff.create(name=name, username=username, role=role, password_hash=password_hash)
        audit.record("create", "staff", s.id, {"username": username, "role": role}, by)
    return int(s.id)
