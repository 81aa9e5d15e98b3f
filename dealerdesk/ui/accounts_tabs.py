"""Issue #14's tabs on the customer page: the membership card, the company (people,
next purchase, fleet; companies only) and the added-value offers.

One small object so the customer page adds them with one line and tells them which
customer it shows with another.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget

from dealerdesk.services.key_accounts import PersonRow
from dealerdesk.ui.added_value_panel import AddedValuePanel
from dealerdesk.ui.card_panel import CardPanel
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.i18n import tr
from dealerdesk.ui.key_account_panel import KeyAccountPanel


class AccountsTabs:
    """Adds the three tabs to *tabs* and keeps them on the customer shown.

    Attributes:
        card, company, offers: the panels.
    """

    def __init__(self, ctx: DeskContext, tabs: QTabWidget) -> None:
        self.tabs = tabs
        self.card = CardPanel(ctx, tabs)
        self.company = KeyAccountPanel(ctx, tabs)
        self.offers = AddedValuePanel(ctx, tabs)
        tabs.addTab(self.card, tr("Card", "AccountsTabs"))
        tabs.addTab(self.company, tr("Company", "AccountsTabs"))
        tabs.addTab(self.offers, tr("A&+ offers", "AccountsTabs"))
        self.is_company = False

    def show_customer(self, customer_id: int, name: str, kind: str) -> None:
        self.is_company = kind == "company"
        self.tabs.setTabVisible(self.tabs.indexOf(self.company), self.is_company)
        if self.card.customer_id != customer_id:
            self.card.load(customer_id, name)
        if self.is_company and self.company.customer_id != customer_id:
            self.company.load(customer_id, name)
        if not self.is_company:
            self.company.customer_id = None
            self.company.account = None
        if self.offers.customer_id != customer_id:
            self.offers.set_customer(customer_id)

    def people(self) -> list[PersonRow]:
        """The company's contact people (for addressing a call to one); [] for a person."""
        account = self.company.account
        if (
            not self.is_company
            or account is None
            or account.customer_id != self.company.customer_id
        ):
            return []
        return list(account.people)
