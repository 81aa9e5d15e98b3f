"""Words of membership, key accounts and added value (issue #14, parts 3–5).

Labels: ``vocab.contact_role.<code>``, ``vocab.purchase_stage.<code>``,
``vocab.added_value_kind.<code>`` (dealerdesk/i18n/catalog_accounts.py). A card's tier is
a :class:`dealerdesk.vocab.retention.ValueTier` code; the dealership may rename the
three tiers for display, never add a fourth, so a card and the 80/20 suggestion can
always be compared.
"""

from __future__ import annotations

from enum import StrEnum


class ContactRole(StrEnum):
    """The part someone at a company plays in buying (the seeds' key-account advice)."""

    DECISION_MAKER = "decision_maker"
    FINANCE = "finance"
    USER = "user"
    GATEKEEPER = "gatekeeper"


class PurchaseStage(StrEnum):
    """Where a company's next fleet purchase stands, in order."""

    NONE = "none"
    NEED_IDENTIFIED = "need_identified"
    QUOTING = "quoting"
    NEGOTIATING = "negotiating"
    ORDERED = "ordered"
    DELIVERED = "delivered"


class AddedValueKind(StrEnum):
    """What an "A+" suggestion offers beyond the car."""

    TYRES = "tyres"
    EXTENDED_WARRANTY = "extended_warranty"
    ACCESSORIES = "accessories"
    INSURANCE_RENEWAL = "insurance_renewal"
    NEW_MODEL = "new_model"
