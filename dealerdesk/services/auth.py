"""Staff sign-in and roles (issue #11), checked HERE, in the services, not by hiding buttons.

Sign-in is off for a one-person install and on once a second account (a staff member with
a password) exists. With it off, the process acts as the install's owner (the one account,
else the first admin, else the first manager): contacts and audit rows still name someone.
Passwords are hashed with argon2 (argon2-cffi). Front desk may not delete or merge
customers, export everything, restore, or change rules and staff; managers and admins may.
"""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from dealerdesk.errors import DealerDeskError, ValidationError
from dealerdesk.i18n import t
from dealerdesk.store import audit
from dealerdesk.store import staff_accounts as store
from dealerdesk.store.validation import validate_text
from dealerdesk.vocab.staff import GRANTS, Permission, StaffRole

MIN_PASSWORD = 8
_hasher = PasswordHasher()


class PermissionDeniedError(DealerDeskError):
    """The signed-in staff member's role does not allow this action."""


@dataclass(frozen=True, slots=True)
class Session:
    """Who this process acts for; ``signed_in`` False when sign-in is off (the owner)."""

    staff_id: int
    name: str
    username: str
    role: str
    signed_in: bool


_session: Session | None = None


def sign_in_required() -> bool:
    """On once two active staff members have passwords."""
    return store.count_sign_in_accounts() >= 2


def current() -> Session | None:
    return _session


def _begin(session: Session | None) -> Session | None:
    global _session
    _session = session
    audit.set_actor(session.staff_id if session else None)
    return session


def sign_out() -> None:
    _begin(None)


def open_without_sign_in() -> Session | None:
    """Sign-in off: act as the install's owner (None on an install with no staff yet)."""
    if sign_in_required():
        raise PermissionDeniedError(t("safety.auth.required"))
    live = [a for a in store.accounts() if not a.archived]
    with_password = [a for a in live if a.password_hash]
    ranked = with_password or sorted(
        live, key=lambda a: (a.role != StaffRole.ADMIN, a.role != StaffRole.MANAGER, a.id)
    )
    if not ranked:
        return _begin(None)
    a = ranked[0]
    return _begin(Session(a.id, a.name, a.username, a.role, signed_in=False))


def sign_in(username: str, password: str) -> Session:
    """Check the password; the session acts for this staff member from now on."""
    account = store.by_username(username.strip())
    if account is None or account.archived or not account.password_hash:
        raise ValidationError("username", t("safety.auth.wrong"))
    try:
        _hasher.verify(account.password_hash, password)
    except (VerificationError, InvalidHashError) as exc:
        raise ValidationError("password", t("safety.auth.wrong")) from exc
    session = Session(account.id, account.name, account.username, account.role, signed_in=True)
    _begin(session)
    audit.record("sign_in", "staff", account.id, {}, account.id)
    return session


def act_as(username: str | None, password: str | None) -> Session | None:
    """The CLI: ``--user`` (with its password when sign-in is on), else the owner."""
    if username is None:
        return open_without_sign_in()
    if sign_in_required():
        if password is None:
            raise PermissionDeniedError(t("safety.auth.need_password", user=username))
        return sign_in(username, password)
    account = store.by_username(username.strip())
    if account is None or account.archived:
        raise ValidationError("user", t("safety.auth.no_user", user=username))
    return _begin(Session(account.id, account.name, account.username, account.role, False))


def allowed(permission: Permission) -> bool:
    """Whether the current session may; sign-in off (one person) may do everything."""
    if _session is None:
        return not sign_in_required()
    if not _session.signed_in:
        return True
    return permission in GRANTS.get(StaffRole(_session.role), frozenset())


def require(permission: Permission) -> None:
    """Raise PermissionDeniedError unless the current session may take this action."""
    if not allowed(permission):
        who = _session.name if _session else "—"
        raise PermissionDeniedError(
            t("safety.auth.denied", who=who, action=t(f"vocab.permission.{permission}"))
        )


def _hash(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise ValidationError("password", t("safety.auth.short", n=MIN_PASSWORD))
    return _hasher.hash(password)


def create_account(*, name: str, username: str, role: str, password: str) -> int:
    """A new staff member who can sign in (managers and admins only, once sign-in is on)."""
    require(Permission.MANAGE_STAFF)
    name = validate_text(name, "name", required=True, max_len=80)
    username = validate_text(username, "username", required=True, max_len=40).lower()
    if role not in set(StaffRole):
        raise ValidationError("role", t("safety.valid.choice", value=role,
                                         choices=", ".join(StaffRole)))  # fmt: skip
    if store.by_username(username) is not None:
        raise ValidationError("username", t("safety.auth.taken", user=username))
    return store.create_account(name=name, username=username, role=role,
                                password_hash=_hash(password), by=_actor())  # fmt: skip


def set_password(staff_id: int, password: str) -> None:
    """One's own password, or anyone's for a manager."""
    if _session is None or _session.staff_id != staff_id:
        require(Permission.MANAGE_STAFF)
    store.set_password_hash(staff_id, _hash(password), by=_actor())


def set_role(staff_id: int, role: str) -> None:
    require(Permission.MANAGE_STAFF)
    if role not in set(StaffRole):
        raise ValidationError("role", t("safety.valid.choice", value=role,
                                         choices=", ".join(StaffRole)))  # fmt: skip
    if store.by_id(staff_id) is None:
        raise ValidationError("staff_id", t("safety.auth.no_user", user=staff_id))
    store.set_role(staff_id, role, by=_actor())


def _actor() -> int | None:
    return _session.staff_id if _session else None
