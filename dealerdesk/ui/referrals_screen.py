"""The Referrals screen: customers' referrals and partner businesses, one tab each.

One entry in the navigation for both (转介绍 and 合作伙伴 are the same practice: people who
bring customers); each tab loads when it is first shown.
"""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.partners_view import PartnersView
from dealerdesk.ui.referrals_view import ReferralsView


class ReferralsScreen(QWidget):
    """Attributes: tabs; referrals (ReferralsView); partners (PartnersView)."""

    def __init__(self, ctx: DeskContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ReferralsScreen")
        self.referrals = ReferralsView(ctx)
        self.partners = PartnersView(ctx)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("referrals_tabs")
        self.tabs.addTab(self.referrals, self.tr("Customers' referra&ls"))
        self.tabs.addTab(self.partners, self.tr("Partner &businesses"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.setFocusProxy(self.tabs)

    def show_partners(self) -> None:
        self.tabs.setCurrentWidget(self.partners)
