"""Texts the referral and partner screens translate from variables (issue #14): column
titles and the screen's name. Kept apart from ``tr_dynamic`` so parallel work on other
screens does not edit the same file; see that module for why these lines exist."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

DYNAMIC = (
    QT_TRANSLATE_NOOP("MainWindow", "Referrals"),
    QT_TRANSLATE_NOOP("ReferralsModel", "Referred on"),
    QT_TRANSLATE_NOOP("ReferralsModel", "Referred by"),
    QT_TRANSLATE_NOOP("ReferralsModel", "Friend"),
    QT_TRANSLATE_NOOP("ReferralsModel", "Status"),
    QT_TRANSLATE_NOOP("ReferralsModel", "Came on"),
    QT_TRANSLATE_NOOP("ReferralsModel", "Reward"),
    QT_TRANSLATE_NOOP("ReferralsModel", "Rewarded on"),
    QT_TRANSLATE_NOOP("TopReferrersModel", "Customer"),
    QT_TRANSLATE_NOOP("TopReferrersModel", "Brought"),
    QT_TRANSLATE_NOOP("TopReferrersModel", "Came"),
    QT_TRANSLATE_NOOP("TopReferrersModel", "Rewarded"),
    QT_TRANSLATE_NOOP("PartnersModel", "Partner"),
    QT_TRANSLATE_NOOP("PartnersModel", "Kind"),
    QT_TRANSLATE_NOOP("PartnersModel", "Contact"),
    QT_TRANSLATE_NOOP("PartnersModel", "Sent us"),
    QT_TRANSLATE_NOOP("PartnersModel", "We sent"),
    QT_TRANSLATE_NOOP("PartnersModel", "Reported spend"),
    QT_TRANSLATE_NOOP("ExchangesModel", "Customer"),
    QT_TRANSLATE_NOOP("ExchangesModel", "Phone"),
    QT_TRANSLATE_NOOP("ExchangesModel", "Direction"),
    QT_TRANSLATE_NOOP("ExchangesModel", "Since"),
    QT_TRANSLATE_NOOP("ExchangesModel", "Spend"),
)
