"""The ``dealerdesk`` command: for managers' scheduled jobs, support, and tests.

Every failure prints ONE line to stderr and exits non-zero; a traceback is never shown.
Errors we expect (DealerDeskError) print their own message; anything else is a bug,
logged with its traceback to the log file in the data folder, and reported politely.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from dealerdesk import i18n
from dealerdesk.cli import session
from dealerdesk.cli.data_commands import (
    cmd_audit,
    cmd_backup,
    cmd_copy,
    cmd_duplicates,
    cmd_export,
    cmd_import,
    cmd_restore,
)
from dealerdesk.cli.desk_commands import (
    cmd_added_value,
    cmd_backtest,
    cmd_complaints,
    cmd_demo,
    cmd_followups,
    cmd_info,
    cmd_metrics,
    cmd_nps,
    cmd_risk,
    cmd_today,
)
from dealerdesk.cli.output import emit
from dealerdesk.cli.parser import EXIT_ERROR, build_parser
from dealerdesk.cli.report_commands import cmd_report
from dealerdesk.errors import DealerDeskError
from dealerdesk.logs import setup_logging
from dealerdesk.paths import resolve_db_path

__all__ = ["EXIT_ERROR", "build_parser", "emit", "main"]

log = logging.getLogger("dealerdesk.cli")


def _early_language(argv: Sequence[str]) -> str:
    """The --lang of *argv* before argparse reads it, so that a refused argument (a bad
    date, a negative count) is already explained in the chosen language."""
    for i, arg in enumerate(argv):
        value = argv[i + 1] if arg == "--lang" and i + 1 < len(argv) else None
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else value
        if value in i18n.LANGUAGES:
            return value
    return i18n.system_language()


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    i18n.set_language(_early_language(argv))
    parser = build_parser()
    args = parser.parse_args(argv)
    i18n.set_language(args.lang or i18n.system_language())
    db_path = resolve_db_path(getattr(args, "db", None))
    session.USER = getattr(args, "user", None)
    log_path = setup_logging(db_path)
    handler = _HANDLERS[args.command]
    from dealerdesk.store import db as store_db

    store_db.set_desk(f"'dealerdesk {args.command}' ({store_db.current_writer()})")
    try:
        return handler(args, db_path)
    except DealerDeskError as exc:
        print(f"dealerdesk: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:
        # `dealerdesk followups --format csv | head`: the reader left; that is not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("dealerdesk: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        from dealerdesk.store.integrity import describe_failure

        log.exception("unexpected error in %s", args.command)
        cause = describe_failure(exc, db_path)  # issue #11: disk full, read-only, locked…
        if cause:
            print(f"dealerdesk: {cause}", file=sys.stderr)
            return EXIT_ERROR
        print(f"dealerdesk: unexpected error; the details are in {log_path}", file=sys.stderr)
        return EXIT_ERROR


_HANDLERS: dict[str, Callable[[argparse.Namespace, Path], int]] = {
    "copy": cmd_copy,
    "demo": cmd_demo,
    "info": cmd_info,
    "followups": cmd_followups,
    "today": cmd_today,
    "risk": cmd_risk,
    "backtest": cmd_backtest,
    "report": cmd_report,
    "complaints": cmd_complaints,
    "nps": cmd_nps,
    "added-value": cmd_added_value,
    "metrics": cmd_metrics,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "audit": cmd_audit,
    "import": cmd_import,
    "export": cmd_export,
    "duplicates": cmd_duplicates,
}
