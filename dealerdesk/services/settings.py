"""Dealership-wide settings: name, country for holidays, phone region, fatigue cap."""

from __future__ import annotations

from dealerdesk.store import settings_store

DEFAULTS = {
    "dealership": "DealerDesk",
    "country": "CN",
    "phone_region": "CN",
    "fatigue_cap": "2",
    "fatigue_days": "30",
}


def get(key: str) -> str:
    return settings_store.get_setting(key, DEFAULTS.get(key, ""))


def save_defaults(**overrides: str) -> None:
    """Write every default not yet set (and *overrides*), in one transaction."""
    values = {**DEFAULTS, **overrides}
    settings_store.set_missing(values, force=set(overrides))


def set_value(key: str, value: str) -> None:
    if key not in DEFAULTS:
        from dealerdesk.errors import ValidationError

        raise ValidationError(key, "is not a setting")
    from dealerdesk.store import audit, db

    with db.database.atomic():  # issue #11: a person's change of a setting is audited
        settings_store.set_setting(key, value)
        audit.record("set", "setting", None, {key: value})


def dealership_name() -> str:
    return get("dealership")
