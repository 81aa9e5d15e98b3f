"""All message catalogs merged into one table, checked for clashes at import.

Each area keeps its own ``catalog_<area>.py`` with a ``MESSAGES`` dict, so parallel work
on different screens never edits the same file; list a new module in ``_AREAS``.
"""

from __future__ import annotations

from types import MappingProxyType

from dealerdesk.i18n import (
    catalog_accounts,
    catalog_aftersales,
    catalog_backtest,
    catalog_common,
    catalog_dashboard,
    catalog_desk,
    catalog_followup_reasons,
    catalog_followups,
    catalog_import,
    catalog_practices,
    catalog_referrals,
    catalog_risk,
    catalog_safety,
    catalog_store,
    catalog_vocab,
    catalog_vocab_practices,
    catalog_vocab_retention,
)

Entry = tuple[str | tuple[str, str], str]

_AREAS = (
    catalog_common,
    catalog_vocab,
    catalog_followups,
    catalog_import,
    catalog_practices,
    catalog_vocab_practices,
    catalog_safety,
    catalog_vocab_retention,
    catalog_risk,
    catalog_backtest,
    catalog_store,
    catalog_desk,
    catalog_followup_reasons,
    catalog_referrals,  # issue #14
    catalog_accounts,  # issue #14
    catalog_dashboard,
    catalog_aftersales,
)


def _merge() -> dict[str, Entry]:
    merged: dict[str, Entry] = {}
    for module in _AREAS:
        for code, entry in module.MESSAGES.items():
            if code in merged:
                raise RuntimeError(f"message code {code!r} defined twice ({module.__name__})")
            merged[code] = entry
    return merged


CATALOG = MappingProxyType(_merge())
