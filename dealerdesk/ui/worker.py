"""The one background worker for database and PDF work (Anki's taskman pattern).

Jobs run one at a time on a single thread (so SQLite sees one writer) and their results
come back to the GUI thread through a queued Qt signal. No QObject is created or
touched inside a job: jobs are plain service calls that return plain data.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Relay(QObject):
    """Lives in the GUI thread; its signal is emitted from the worker thread."""

    finished = Signal(int, object, object)


class Worker(QObject):
    """Runs callables off the GUI thread, one after another.

    Signals:
        busy(bool): True when the first job starts, False when the queue is empty.
        failed(BaseException): a job raised and had no ``on_error`` of its own.
    """

    busy = Signal(bool)
    failed = Signal(object)

    def __init__(
        self, parent: QObject | None = None, *, on_thread_exit: Callable[[], None] | None = None
    ) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="dealerdesk-worker")
        self._relay = _Relay(self)
        self._relay.finished.connect(self._deliver)
        self._callbacks: dict[int, tuple[Done | None, Failed | None]] = {}
        self._ids = itertools.count(1)
        self._on_thread_exit = on_thread_exit
        self._closed = False

    @property
    def pending(self) -> int:
        return len(self._callbacks)

    def submit(
        self,
        fn: Callable[..., Any],
        *args: Any,
        on_done: Done | None = None,
        on_error: Failed | None = None,
        **kwargs: Any,
    ) -> int:
        """Queue ``fn(*args, **kwargs)``; ``on_done(result)`` runs later in the GUI thread."""
        if self._closed:
            raise RuntimeError("the worker is shut down")
        token = next(self._ids)
        if not self._callbacks:
            self.busy.emit(True)
        self._callbacks[token] = (on_done, on_error)
        self._pool.submit(self._run, token, fn, args, kwargs)
        return token

    def _run(
        self, token: int, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> None:
        try:
            result = fn(*args, **kwargs)
        except BaseException as exc:  # delivered to the GUI thread, never lost
            self._relay.finished.emit(token, None, exc)
        else:
            self._relay.finished.emit(token, result, None)

    def _deliver(self, token: int, result: Any, error: BaseException | None) -> None:
        on_done, on_error = self._callbacks.pop(token, (None, None))
        if on_done is not None and not _alive(on_done):
            on_done = None  # its widget was closed and deleted while the job ran
        try:
            if error is not None:
                if on_error is not None:
                    on_error(error)
                else:
                    self.failed.emit(error)
            elif on_done is not None:
                on_done(result)
        finally:
            if not self._callbacks:
                self.busy.emit(False)

    def shutdown(self) -> None:
        """Finish queued jobs, let the thread close its connection, stop the thread."""
        if self._closed:
            return
        self._closed = True
        if self._on_thread_exit is not None:
            self._pool.submit(self._on_thread_exit)
        self._pool.shutdown(wait=True)


def _alive(fn: Callable[..., Any]) -> bool:
    """False when *fn* belongs to a widget Qt has deleted: a bound method of it, a lambda
    over it, or a ``functools.partial`` of either (a slow server makes a closed dialog's
    late result common)."""
    return all(shiboken6.isValid(o) for o in _owners(fn) if isinstance(o, QObject))


def _owners(fn: Any) -> list[Any]:
    if isinstance(fn, partial):
        return [*_owners(fn.func), *fn.args, *fn.keywords.values()]
    owners = [getattr(fn, "__self__", None)]
    owners += [c.cell_contents for c in getattr(fn, "__closure__", None) or () if _filled(c)]
    return owners


def _filled(cell: Any) -> bool:
    try:
        cell.cell_contents  # noqa: B018 - an empty cell raises
    except ValueError:
        return False
    return True
