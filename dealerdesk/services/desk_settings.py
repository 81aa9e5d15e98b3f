"""What the Settings screen shows and saves (issue #11 item 10), in one place.

``load`` reads everything the screen needs in one worker call: the dealership's name,
its holiday calendar and contact-fatigue cap, staff and their roles, the follow-up rules,
and the backups. Saves go through the services that check roles (``auth``, ``followups``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dealerdesk.errors import ValidationError
from dealerdesk.i18n import t
from dealerdesk.services import auth, backups, followups, settings
from dealerdesk.store import audit
from dealerdesk.store import staff_accounts as accounts
from dealerdesk.store.backup import BackupFile
from dealerdesk.store.db import database
from dealerdesk.store.settings_store import set_setting
from dealerdesk.store.validation import validate_text
from dealerdesk.vocab.staff import Permission


@dataclass(frozen=True, slots=True)
class StaffRow:
    id: int
    name: str
    username: str
    role: str
    can_sign_in: bool


@dataclass(frozen=True, slots=True)
class RuleRow:
    key: str
    label: str
    enabled: bool
    offset_days: int
    limit_days: int | None
    purpose: str
    channel: str
    offset_help: str  # English; the window translates it (context "RuleHelp")
    limit_help: str = ""  # what the second figure means; "" when the rule has none


@dataclass(frozen=True, slots=True)
class SettingsSnapshot:
    """Everything on the Settings screen; ``may_manage`` False greys the manager parts."""

    dealership: str
    country: str
    fatigue_cap: str
    staff: tuple[StaffRow, ...]
    rules: tuple[RuleRow, ...]
    backups: tuple[BackupFile, ...]
    keep: int
    sign_in_required: bool
    may_manage: bool


def load(db_path: Path) -> SettingsSnapshot:
    followups.ensure_cadence_rules()
    staff = tuple(
        StaffRow(a.id, a.name, a.username, a.role, bool(a.password_hash))
        for a in accounts.accounts()
        if not a.archived
    )
    rules = tuple(
        RuleRow(r.key, r.label, r.enabled, r.offset_days, r.limit_days, r.purpose,
                r.channels[0] if r.channels else "", r.offset_help, r.limit_help)
        for r in followups.cadence_rules()
    )  # fmt: skip
    return SettingsSnapshot(
        dealership=settings.dealership_name(),
        country=settings.get("country"),
        fatigue_cap=settings.get("fatigue_cap"),
        staff=staff,
        rules=rules,
        backups=tuple(backups.list_backups(db_path)),
        keep=backups.backup_keep(),
        sign_in_required=auth.sign_in_required(),
        may_manage=auth.allowed(Permission.CHANGE_RULES),
    )


def save_general(*, dealership: str, country: str, fatigue_cap: str) -> None:
    """The dealership's name, its public-holiday calendar and the fatigue cap (managers)."""
    auth.require(Permission.CHANGE_RULES)
    dealership = validate_text(dealership, "dealership", required=True, max_len=120)
    country = validate_text(country, "country", required=True, max_len=2).upper()
    import holidays

    if country not in holidays.list_supported_countries():
        raise ValidationError("country", t("safety.settings.country", value=country))
    cap = fatigue_cap.strip()
    if (
        cap
        and cap.lower() not in ("off", "none")
        and (not cap.isdigit() or not 0 <= int(cap) <= 30)
    ):
        raise ValidationError("fatigue_cap", t("safety.settings.cap", value=cap))
    for key, value in (("dealership", dealership), ("country", country), ("fatigue_cap", cap)):
        if settings.get(key) != value:
            settings.set_value(key, value)


def set_keep(keep: int) -> None:
    """How many backups to keep (managers)."""
    auth.require(Permission.CHANGE_RULES)
    if not 1 <= keep <= 365:
        raise ValidationError("keep", t("safety.settings.keep", value=keep))
    with database.atomic():
        set_setting("backup_keep", str(keep))
        audit.record("set", "setting", None, {"backup_keep": keep})
