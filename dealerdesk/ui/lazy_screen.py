"""Screens that load when first shown, and reload on a change only while visible.

The window builds every screen at start-up; the practices' screens (complaints,
campaigns, win-back) are not where the desk starts its day, so their queries wait until
they are opened instead of queueing on the one worker ahead of Today's.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget


class LazyScreen(QWidget):
    """Subclasses implement ``reload()``; call ``refresh()`` to ask for fresh data."""

    _stale = True

    def reload(self) -> None:
        raise NotImplementedError

    def refresh(self) -> None:
        """Reload now if the screen is visible, else when it is next shown."""
        if self.isVisible():
            self._stale = False
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload()
