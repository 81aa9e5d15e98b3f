"""Screenshots 50–54 (issue #16): the customer's contact pauses, the do-not-contact
dialog, the renewal list (all, and insured elsewhere), Settings' call outcomes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


def aftersales_shots(window: Any, ctx: Any, shot: Callable[..., None]) -> None:
    from dealerdesk.store.db import database
    from dealerdesk.ui.vehicle_pauses import PauseDialog

    row = database.execute_sql(
        "SELECT p.customer_id FROM contact_pause p JOIN customer c ON c.id = p.customer_id"
        " WHERE p.state = 'closed' AND c.archived = 0 ORDER BY (SELECT count(*) FROM vehicle v"
        " WHERE v.customer_id = c.id) DESC, p.id LIMIT 1"
    ).fetchone()  # a customer with a sold car (and, first, one with more cars)
    if row is not None:
        detail = window.detail
        shot("50-detail-contact-pauses", window,
             lambda: (window.open_customer(row[0]),
                      detail.tabs.setCurrentWidget(detail.pauses)))  # fmt: skip
        cars = [(v.vehicle_id, v.label) for v in detail.pauses.rows]
        dialog = PauseDialog(ctx, row[0], cars, parent=window)
        dialog.kind.setCurrentIndex(dialog.kind.findData("insurance"))
        dialog.reason.setText("客户在朋友的保险公司投保，明年再问")
        dialog.has_until.setChecked(True)
        dialog.show()
        shot("51-do-not-contact", dialog)
        dialog.close()
        detail.tabs.setCurrentIndex(0)
    view = window.renewals
    shot("52-renewals", window, lambda: window.show_screen("renewals"))
    shot("53-renewals-insured-elsewhere", window, lambda: view.elsewhere.setChecked(True))
    view.elsewhere.setChecked(False)
    settings = window.settings_view
    shot("54-settings-call-outcomes", window,
         lambda: (window.show_screen("settings"),
                  settings.tabs.setCurrentWidget(settings.outcome_delays)))  # fmt: skip
    settings.tabs.setCurrentIndex(0)
