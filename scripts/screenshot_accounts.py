"""Screenshots 80–84 (issue #14): the card review list, key accounts by stage, and a
customer's card, company and A+ tabs. Called from scripts/screenshots.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def accounts_shots(window: Any, shot: Callable[..., None], settle: Callable[[], None],
                   today: Any) -> None:  # fmt: skip
    from dealerdesk.services import added_value, key_accounts, membership

    view = window.accounts
    window.show_screen("accounts")
    settle()
    view.show_filter.setCurrentIndex(1)  # the cards whose suggested tier differs
    settle()
    view.cards_table.selectRow(0)
    shot("80-cards-review", window)
    view.show_filter.setCurrentIndex(0)
    view.tabs.setCurrentIndex(1)
    settle()
    shot("81-key-accounts", window)
    view.tabs.setCurrentIndex(0)

    detail = window.detail
    cards = [c for c in membership.cards() if c.overridden and c.benefits]
    card = next((c for c in cards if not c.customer_name.isascii()), cards[0])
    window.open_customer(card.customer_id)
    settle()
    shot("82-customer-card", window,
         lambda: detail.tabs.setCurrentIndex(detail.tabs.indexOf(detail.accounts.card)))  # fmt: skip

    companies = [a for a in key_accounts.key_accounts() if a.people >= 3 and a.vehicles >= 2]
    company = companies[0] if companies else key_accounts.key_accounts()[0]
    window.open_customer(company.customer_id)
    settle()
    shot("83-company-page", window,
         lambda: detail.tabs.setCurrentIndex(detail.tabs.indexOf(detail.accounts.company)))  # fmt: skip

    chosen = None
    for cid in range(1, 400):
        offers = added_value.offers_for(cid, today=today, record=False)
        if len({o.kind for o in offers}) >= 3:
            chosen = cid
            break
    window.open_customer(chosen or card.customer_id)
    settle()
    detail.tabs.setCurrentIndex(detail.tabs.indexOf(detail.accounts.offers))
    settle()
    detail.accounts.offers.make_followup()  # the first offer, one click from a follow-up
    settle()
    detail.accounts.offers.table.selectRow(1)
    shot("84-added-value", window)
    detail.tabs.setCurrentIndex(0)
