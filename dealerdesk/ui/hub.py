"""The change hub: after any write, every screen hears what changed and refreshes its part."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from dealerdesk.services import sync


class ChangeHub(QObject):
    """Broadcasts ``Changed`` records from services (see dealerdesk.services.changes).

    Signals:
        changed(Changed): a write finished (here or, once ``watch`` runs, at another
            desk); listeners refresh only what it touches.
        open_customer(int): any screen asks the window to show a customer's detail.
        status(str): a short message for the status bar.
    """

    changed = Signal(object)
    open_customer = Signal(int)
    status = Signal(str)

    POLL_MS = 2000

    def watch(self, worker: Any, *, interval_ms: int | None = None) -> None:
        """Poll for other desks' writes on *worker* (one query while nothing happens)."""
        self._worker = worker
        self._state = sync.Watch()
        self._polling = False
        self._timer = QTimer(self)
        self._timer.setObjectName("change_poll")
        self._timer.timeout.connect(self.poll_now)
        self._timer.start(interval_ms or self.POLL_MS)
        self.poll_now()

    def poll_now(self) -> None:
        if self._polling:  # the worker is busy with a long job: no pile-up of polls
            return
        try:
            self._worker.submit(sync.poll, self._state, on_done=self._polled,
                                on_error=self._poll_failed)  # fmt: skip
        except RuntimeError:  # the worker was shut down: the window is closing
            self._timer.stop()
            return
        self._polling = True

    def _polled(self, change: Any) -> None:
        self._polling = False
        if change is not None:
            self.changed.emit(change)

    def _poll_failed(self, _exc: BaseException) -> None:
        self._polling = False  # e.g. the server restarting: the next tick tries again
