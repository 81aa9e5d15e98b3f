"""The composition root of the window: arguments → data folder → database → worker → window.

``python main.py`` (or ``dealerdesk-gui``) opens the default database from the data
folder; ``--db`` and ``--today`` work as in the CLI, ``--data`` moves the data folder.
A first run (no database file yet) opens the setup wizard (``ui/first_run.py``). No
traceback ever reaches the user: expected problems are explained in a dialog, and
anything else is logged with its traceback and apologised for (``ui.errors``).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QProgressDialog

from dealerdesk import __version__, i18n
from dealerdesk.errors import DealerDeskError
from dealerdesk.logs import setup_logging
from dealerdesk.paths import DATA_ENV, data_dir, resolve_db_path, resource_dir
from dealerdesk.store import db as store_db
from dealerdesk.store import open_database
from dealerdesk.ui import dialogs, errors, language
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.hub import ChangeHub
from dealerdesk.ui.i18n import tr
from dealerdesk.ui.worker import Worker

log = logging.getLogger("dealerdesk.app")
DEMO_CUSTOMERS = 2000


def binding_problem() -> str | None:
    """Refuse a Qt binding that corrupts Python's reference counts.

    PySide6 6.12.0's wheels drop a reference to None on every void Qt call under
    Python 3.11, and the interpreter aborts after a few thousand calls ("none_dealloc").
    pyproject.toml keeps pip away from that pairing; this catches an environment that
    has it anyway, before the user loses work to a crash.
    """
    if sys.version_info >= (3, 12):
        return None
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(50):
        probe.setObjectName("probe")  # a void call: the broken build leaks here
    probe.deleteLater()
    if sys.getrefcount(None) >= before - 10:
        return None
    return (
        f"This PySide6 ({pyside_version}) is broken on Python "
        f"{sys.version_info.major}.{sys.version_info.minor} and would crash DealerDesk. "
        "Install a working one: pip install 'PySide6-Essentials<6.12'"
    )


@dataclass
class Desk:
    """What ``build`` made: the tests and ``main`` drive it, then call ``close``."""

    app: QApplication
    ctx: DeskContext
    window: Any  # MainWindow; imported late so a broken screen is reported, not raised
    uninstall: Callable[[], None]

    def close(self) -> None:
        self.window.close()
        self.window.deleteLater()
        self.ctx.worker.shutdown()
        self.uninstall()
        store_db.close()


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"“{text}” is not a date (use YYYY-MM-DD)") from exc


def parse_args(argv: Sequence[str] | None) -> tuple[argparse.Namespace, list[str]]:
    """Our options; anything else (``-platform offscreen``…) is left for Qt."""
    parser = argparse.ArgumentParser(prog="dealerdesk-gui", description=(
        "DealerDesk: the retention desk of one car dealership."))  # fmt: skip
    parser.add_argument("--version", action="version", version=f"DealerDesk {__version__}")
    parser.add_argument("--db", metavar="PATH", help="the database file (default: "
                        "$DEALERDESK_DB, else dealerdesk.db in the data folder)")  # fmt: skip
    parser.add_argument("--today", type=_date, metavar="YYYY-MM-DD",
                        help="pretend today is this date (default: the system date)")  # fmt: skip
    parser.add_argument("--data", metavar="FOLDER", help="the data folder (logs, settings)")
    parser.add_argument("--demo", action="store_true", help="open the demo dealership "
                        "(demo.db in the data folder), creating it on first use")  # fmt: skip
    parser.add_argument("--lang", choices=i18n.LANGUAGES, help="the window's language "
                        "(default: the choice in Help > Language, else the system's)")  # fmt: skip
    parser.add_argument("--smoke", action="store_true", help="open the window on the "
                        "database, process events and exit 0 (checks an installed bundle)")  # fmt: skip
    args, rest = parser.parse_known_args(list(sys.argv[1:] if argv is None else argv))
    return args, rest


class _Say(QObject):
    """Carries the demo builder's progress messages from the worker thread (queued)."""

    said = Signal(str)


def run_blocking(worker: Worker, fn: Callable[..., Any], *args: Any, label: str,
                 **kwargs: Any) -> Any:  # fmt: skip
    """Run *fn* on the worker behind a busy dialog and return its result (or raise)."""
    progress = QProgressDialog(label, "", 0, 0)
    progress.setObjectName("startup_progress")
    progress.setCancelButton(None)
    progress.setWindowTitle("DealerDesk")
    progress.setWindowModality(Qt.WindowModality.ApplicationModal)
    progress.setMinimumDuration(0)
    say = _Say()
    say.said.connect(lambda text: progress.setLabelText(f"{label}\n{text}…"))
    loop = QEventLoop()
    outcome: dict[str, Any] = {}

    def done(result: Any) -> None:
        outcome["result"] = result
        loop.quit()

    def failed(exc: BaseException) -> None:
        outcome["error"] = exc
        loop.quit()

    if "progress" in kwargs:
        kwargs["progress"] = say.said.emit
    progress.show()
    worker.submit(fn, *args, on_done=done, on_error=failed, **kwargs)
    loop.exec()
    progress.close()
    progress.deleteLater()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("result")


def first_run(path: Path, worker: Worker, today: date) -> str | None:
    """No database yet: the setup wizard (name, language, staff; then import, demo or empty).

    Returns how to start (``START_*``), or None when the user closed the setup: nothing is
    created and DealerDesk quits. For an import the database starts empty and the window
    opens the import wizard once it is shown.
    """
    from dealerdesk.services.setup import apply_setup
    from dealerdesk.ui.first_run import START_DEMO, FirstRunWizard

    wizard = FirstRunWizard(path, language=i18n.current_language(),
                            demo_customers=DEMO_CUSTOMERS)  # fmt: skip
    try:
        if not dialogs.run_modal(wizard, "first_run"):
            return None
        answers = wizard.answers()
    finally:
        wizard.deleteLater()
    settings = language.desk_settings()
    if answers.language != language.effective(settings):
        language.store(settings, answers.language)
    language.apply_language(answers.language)  # the window is built after this
    if answers.start == START_DEMO:
        build_demo(path, worker, today)
        open_database(path)
    else:
        open_database(path, create=True)
    apply_setup(dealership=answers.dealership, staff=answers.staff,
                rename_taken=answers.start == START_DEMO)  # fmt: skip
    return answers.start


def build_demo(path: Path, worker: Worker, today: date) -> None:
    """Create the demo dealership on the worker behind a progress dialog."""

    def make(progress: Callable[[str], None]) -> None:
        from dealerdesk.services.demo import create_demo

        try:
            create_demo(path, customers=DEMO_CUSTOMERS, seed=7, today=today, progress=progress)
        finally:
            store_db.close()  # the worker's connection; the window opens its own

    try:
        run_blocking(worker, make, label=tr("Creating the demo dealership", "App"),
                     progress=None)  # fmt: skip
    except BaseException:
        for suffix in ("", "-wal", "-shm"):  # never leave half a demo to be opened later
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        raise


def build(argv: Sequence[str] | None = None) -> Desk | int:
    """Everything up to a shown window; an int is the exit code of a start that failed."""
    args, qt_args = parse_args(argv)
    if args.data:
        os.environ[DATA_ENV] = str(Path(args.data).expanduser())
    db_path = data_dir() / "demo.db" if args.demo and not args.db else resolve_db_path(args.db)
    if args.db is None and isinstance(db_path, Path):  # a first run: no data folder yet
        with contextlib.suppress(OSError):  # if it fails, opening explains it in words
            db_path.parent.mkdir(parents=True, exist_ok=True)
    log_path = setup_logging(db_path)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "dealerdesk",
                                                   *qt_args])  # fmt: skip
    assert isinstance(app, QApplication)
    QCoreApplication.setOrganizationName("DealerDesk")
    QCoreApplication.setApplicationName("DealerDesk")
    QCoreApplication.setApplicationVersion(__version__)
    language.apply_language(args.lang or language.effective(language.desk_settings()))
    icon = resource_dir() / "icon.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    problem = binding_problem()
    if problem:
        log.error(problem)
        dialogs.error(None, tr("DealerDesk cannot start", "App"), problem)
        return 1
    today = args.today or date.today()
    clock: Callable[[], date] = (lambda: args.today) if args.today else date.today
    worker = Worker(app, on_thread_exit=store_db.close)
    holder: dict[str, Any] = {"window": None}
    uninstall = errors.install(parent=lambda: holder["window"], log_path=log_path,
                               worker=worker)  # fmt: skip
    start: str | None = None
    try:
        if not db_path.exists() and args.demo:
            build_demo(db_path, worker, today)
            open_database(db_path)
        elif not db_path.exists():
            start = first_run(db_path, worker, today)
            if start is None:
                log.info("first-run setup closed; nothing created")
                return _give_up(worker, uninstall, code=0)
        else:
            open_or_offer_restore(db_path)  # issue #11
        from dealerdesk.services import settings
        from dealerdesk.ui.main_window import MainWindow
        from dealerdesk.ui.sign_in import start_session

        session = start_session(settings.dealership_name())  # issue #11
        if session is False:
            return _give_up(worker, uninstall)
        ctx = DeskContext(db_path=db_path, worker=worker, hub=ChangeHub(app), clock=clock,
                          dealership=settings.dealership_name(), log_path=log_path)  # fmt: skip
        if session:
            ctx.staff_id, ctx.staff_name, ctx.signed_in = (
                session.staff_id, session.name, session.signed_in)  # fmt: skip
        window = MainWindow(ctx)
    except DealerDeskError as exc:
        log.warning("cannot start: %s", exc)
        dialogs.error(None, tr("DealerDesk cannot start", "App"), str(exc))
        return _give_up(worker, uninstall)
    except Exception as exc:
        log.exception("start-up failed")
        errors.report(exc, None, title=tr("DealerDesk cannot start", "App"))
        return _give_up(worker, uninstall)
    holder["window"] = window
    window.show()
    if start == "import":  # chosen in the first-run setup: straight into the import wizard
        window.data.open_import()
    store_db.set_desk(f"the DealerDesk window of {store_db.current_writer()}")
    ctx.hub.watch(worker)  # other desks' writes show here within a few seconds
    log.info("started on %s (today %s)", db_path, today)
    return Desk(app=app, ctx=ctx, window=window, uninstall=uninstall)


def open_or_offer_restore(db_path: Path) -> None:
    """issue #11: a damaged or half-built file is named, with the last good backup offered."""
    from datetime import datetime

    from dealerdesk.errors import DamagedDatabaseError

    try:
        open_database(db_path, create=False)
    except DamagedDatabaseError as exc:
        question = tr("Restore the last good backup now? The damaged file is kept aside.", "App")
        if exc.backup is None or not dialogs.confirm(
            None, tr("The database is damaged", "App"), f"{exc}\n\n{question}"
        ):
            raise
        from dealerdesk.services import backups

        backups.restore(db_path, Path(str(exc.backup)), now=datetime.now(), damaged=True)


def backup_on_exit(db_path: Path) -> None:
    """issue #11: at most one automatic backup a day, taken as the window closes."""
    from datetime import datetime

    from dealerdesk.services import backups

    try:
        made = backups.auto_backup(db_path, now=datetime.now(), keep=backups.backup_keep())
    except Exception:  # a failed backup must not turn closing into a crash
        log.exception("automatic backup of %s failed", db_path)
        return
    if made is not None:
        log.info("automatic backup: %s", made.path)


def _give_up(worker: Worker, uninstall: Callable[[], None], *, code: int = 1) -> int:
    worker.shutdown()
    uninstall()
    store_db.close()
    return code


def main(argv: Sequence[str] | None = None) -> int:
    desk = build(argv)
    if isinstance(desk, int):
        return desk
    smoke = parse_args(argv)[0].smoke
    try:
        if smoke:  # the bundle's self-test: shown, first screen loaded, painted, exit 0
            deadline = time.monotonic() + 60
            desk.app.processEvents()
            while desk.ctx.worker.pending and time.monotonic() < deadline:
                desk.app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            desk.window.repaint()
            desk.app.processEvents()
            if desk.ctx.worker.pending:
                print("DealerDesk smoke test: the first screen did not load", file=sys.stderr)
                return 1
            log.info("smoke test: window shown on %s", desk.ctx.db_path)
            print(f"DealerDesk {__version__} smoke test: window opened on {desk.ctx.db_path}")
            return 0
        code = desk.app.exec()
    finally:
        backup_on_exit(desk.ctx.db_path)
        desk.close()
    return int(code)
