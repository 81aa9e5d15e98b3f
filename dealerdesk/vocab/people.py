"""Words about a person: gender as stored in ``customer.gender`` (one letter)."""

from __future__ import annotations

from enum import StrEnum


class Gender(StrEnum):
    """A customer's gender as the registration form records it."""

    M = "M"
    F = "F"
