"""The change hub: after any write, every screen hears what changed and refreshes its part."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class ChangeHub(QObject):
    """Broadcasts ``Changed`` records from services (see dealerdesk.services.changes).

    Signals:
        changed(Changed): a write finished; listeners refresh only what it touches.
        open_customer(int): any screen asks the window to show a customer's detail.
        status(str): a short message for the status bar.
    """

    changed = Signal(object)
    open_customer = Signal(int)
    status = Signal(str)
