"""Issue #14's texts the window translates from variables (column titles, the screen's
name), listed for lupdate as ``ui/tr_dynamic.py`` does for the rest."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

DYNAMIC = (
    QT_TRANSLATE_NOOP("MainWindow", "Cards & fleets"),
    QT_TRANSLATE_NOOP("CustomerTableModel", "Card"),
    QT_TRANSLATE_NOOP("FollowupKind", "Added-value offer"),
    QT_TRANSLATE_NOOP("PeopleModel", "Name"),
    QT_TRANSLATE_NOOP("PeopleModel", "Role"),
    QT_TRANSLATE_NOOP("PeopleModel", "Phone"),
    QT_TRANSLATE_NOOP("PeopleModel", "E-mail"),
    QT_TRANSLATE_NOOP("PeopleModel", "Notes"),
    QT_TRANSLATE_NOOP("FleetModel", "Plate"),
    QT_TRANSLATE_NOOP("FleetModel", "Vehicle"),
    QT_TRANSLATE_NOOP("FleetModel", "Year"),
    QT_TRANSLATE_NOOP("FleetModel", "Bought"),
    QT_TRANSLATE_NOOP("FleetModel", "Driver"),
    QT_TRANSLATE_NOOP("OffersModel", "Offer"),
    QT_TRANSLATE_NOOP("OffersModel", "Why"),
    QT_TRANSLATE_NOOP("OffersModel", "Follow-up"),
    QT_TRANSLATE_NOOP("CardsModel", "Customer"),
    QT_TRANSLATE_NOOP("CardsModel", "Card no."),
    QT_TRANSLATE_NOOP("CardsModel", "Card tier"),
    QT_TRANSLATE_NOOP("CardsModel", "Suggested"),
    QT_TRANSLATE_NOOP("CardsModel", "24-month spend"),
    QT_TRANSLATE_NOOP("CardsModel", "Issued"),
    QT_TRANSLATE_NOOP("CardsModel", "Benefits"),
    QT_TRANSLATE_NOOP("AccountsModel", "Company"),
    QT_TRANSLATE_NOOP("AccountsModel", "Next purchase"),
    QT_TRANSLATE_NOOP("AccountsModel", "Expected"),
    QT_TRANSLATE_NOOP("AccountsModel", "Fleet size"),
    QT_TRANSLATE_NOOP("AccountsModel", "Vehicles"),
    QT_TRANSLATE_NOOP("AccountsModel", "People"),
    QT_TRANSLATE_NOOP("AccountsModel", "Decision maker"),
    QT_TRANSLATE_NOOP("UptakeModel", "Offer"),
    QT_TRANSLATE_NOOP("UptakeModel", "Shown"),
    QT_TRANSLATE_NOOP("UptakeModel", "Follow-ups made"),
    QT_TRANSLATE_NOOP("UptakeModel", "Taken up"),
    QT_TRANSLATE_NOOP("UptakeModel", "Taken up of shown"),
    # a customer page with no warning signs (screenshot 84 opens one): untranslated before
    QT_TRANSLATE_NOOP("CustomerDetail", "<br>No warning signs."),
)
