"""Issue #16's texts the window translates from variables (see ``tr_dynamic``): the new
follow-up kinds, the renewal list's and the pause panel's column titles, the screen."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

DYNAMIC = (
    QT_TRANSLATE_NOOP("FollowupKind", "First-service reminder"),
    QT_TRANSLATE_NOOP("FollowupKind", "Lapsed first service"),
    QT_TRANSLATE_NOOP("FollowupKind", "Insurance renewal, 2nd call"),
    QT_TRANSLATE_NOOP("FollowupKind", "Insurance renewal, last call"),
    QT_TRANSLATE_NOOP("FollowupKind", "Record the new owner"),
    QT_TRANSLATE_NOOP("MainWindow", "Renewals"),
    QT_TRANSLATE_NOOP("RenewalsModel", "Policy ends"),
    QT_TRANSLATE_NOOP("RenewalsModel", "Customer"),
    QT_TRANSLATE_NOOP("RenewalsModel", "Phone"),
    QT_TRANSLATE_NOOP("RenewalsModel", "Vehicle"),
    QT_TRANSLATE_NOOP("RenewalsModel", "Policy"),
    QT_TRANSLATE_NOOP("RenewalsModel", "Last insurer"),
    QT_TRANSLATE_NOOP("RenewalsModel", "Insured with"),
    QT_TRANSLATE_NOOP("RenewalsModel", "Calls"),
    QT_TRANSLATE_NOOP("VehiclePausesPanel", "Vehicle"),
    QT_TRANSLATE_NOOP("VehiclePausesPanel", "First service"),
    QT_TRANSLATE_NOOP("VehiclePausesPanel", "Contact type"),
    QT_TRANSLATE_NOOP("VehiclePausesPanel", "State"),
    QT_TRANSLATE_NOOP("VehiclePausesPanel", "Reason"),
    QT_TRANSLATE_NOOP("VehiclePausesPanel", "Until"),
    # timeline_model.risk_html's context; the demo's first detail shot now shows it
    QT_TRANSLATE_NOOP("CustomerDetail", "<br>No warning signs."),
)
