"""The ``dealerdesk`` command: for managers' scheduled jobs, support, and tests.

Every failure prints ONE line to stderr and exits non-zero; a traceback is never shown.
Errors we expect (DealerDeskError) print their own message; anything else is a bug,
logged with its traceback to the log file in the data folder, and reported politely.
"""

from __future__ import annotations

import argparse
import csv
import logging
import os
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from dealerdesk import __version__
from dealerdesk.errors import DealerDeskError
from dealerdesk.logs import setup_logging
from dealerdesk.paths import is_server_url, resolve_db_path

log = logging.getLogger("dealerdesk.cli")

EXIT_ERROR = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line too (argparse prints usage + message)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"dealerdesk: {message} (see --help)\n")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"“{text}” is not a date (use YYYY-MM-DD)") from exc


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"“{text}” is not a whole number") from exc
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} must be at least 1")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="dealerdesk",
        description="DealerDesk: the retention desk of one car dealership.",
        epilog="The database is --db, else $DEALERDESK_DB, else dealerdesk.db in the data folder.",
    )
    parser.add_argument("--version", action="version", version=f"dealerdesk {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def common(p: argparse.ArgumentParser, *, today: bool = True) -> None:
        p.add_argument("--db", metavar="PATH|URL",
                       help="the database file, or postgresql://user@host/dbname")  # fmt: skip
        if today:
            p.add_argument("--today", type=_date, metavar="YYYY-MM-DD",
                           help="pretend today is this date (default: the system date)")  # fmt: skip

    p = sub.add_parser("demo", help="create a demo dealership", description=(
        "Create a realistic, reproducible demo dealership (the same seed gives the same data)."))  # fmt: skip
    common(p)
    p.add_argument("--customers", type=_positive, default=2000, help="how many (default 2000)")
    p.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    p.add_argument("--replace", action="store_true", help="overwrite an existing database file")

    p = sub.add_parser("info", help="file, schema version and row counts",
                       description="Show the database file, its schema version and rows per table.")  # fmt: skip
    common(p, today=False)

    p = sub.add_parser("followups", help="generate and list due follow-ups", description=(
        "Generate follow-ups from the cadence rules (idempotent), then list the overdue ones "
        "and those due within --days."))  # fmt: skip
    common(p)
    p.add_argument("--days", type=int, default=0, help="also list those due in the next N days")
    p.add_argument("--format", choices=("table", "csv"), default="table")

    p = sub.add_parser("risk", help="customers most at risk, with reasons",
                       description="Score every customer and list the most at risk, with reasons.")  # fmt: skip
    common(p)
    p.add_argument("--top", type=_positive, default=20, help="how many (default 20)")
    p.add_argument("--format", choices=("table", "csv"), default="table")

    p = sub.add_parser("copy", help="copy a whole dealership to another database", description=(
        "Copy everything from one database into an empty one (a file to a PostgreSQL server, "
        "or back), in one transaction, then check the rows of every table on both sides."))  # fmt: skip
    p.add_argument("--from", dest="source", required=True, metavar="PATH|URL")
    p.add_argument("--to", dest="target", required=True, metavar="PATH|URL")

    p = sub.add_parser("report", help="write a PDF report", description="Write a PDF report.")
    reports = p.add_subparsers(dest="report", required=True, parser_class=_Parser)
    r = reports.add_parser("at-risk", help="customers at risk (ranked, reasons, chart)",
                           description="Customers at risk: summary, chart and the ranked table.")  # fmt: skip
    common(r)
    r.add_argument("--out", required=True, metavar="FILE.pdf")
    r.add_argument("--top", type=_positive, default=100, help="rows in the table (default 100)")
    r.add_argument("--mask-phones", action="store_true", help="print 139****5678, not the number")
    r = reports.add_parser("agenda", help="today's follow-ups, to work through on paper",
                           description="Today's follow-ups: overdue, due today, coming days.")  # fmt: skip
    common(r)
    r.add_argument("--out", required=True, metavar="FILE.pdf")
    r.add_argument("--days", type=int, default=0, help="also the next N days")
    r.add_argument("--mask-phones", action="store_true")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    db_path = resolve_db_path(getattr(args, "db", None))
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
    except Exception:
        log.exception("unexpected error in %s", args.command)
        print(f"dealerdesk: unexpected error; the details are in {log_path}", file=sys.stderr)
        return EXIT_ERROR


def _today(args: argparse.Namespace) -> date:
    return args.today or date.today()


def _open(db_path: Path, *, create: bool = False) -> None:
    from dealerdesk.store import open_database

    opened = open_database(db_path, create=create)
    if opened.upgraded:
        print(f"upgraded {db_path} from schema {opened.version_before} to {opened.version}",
              file=sys.stderr)  # fmt: skip


def _cmd_demo(args: argparse.Namespace, db_path: Path) -> int:
    from dealerdesk.services.demo import create_demo

    summary = create_demo(
        db_path, customers=args.customers, seed=args.seed, today=_today(args),
        replace=args.replace, progress=lambda msg: print(f"… {msg}", file=sys.stderr),
    )  # fmt: skip
    print(f"created {summary.path}: {summary.customers:,} customers, "
          f"{summary.events:,} events in {summary.seconds:.1f} s")  # fmt: skip
    return 0


def _cmd_info(args: argparse.Namespace, db_path: Path) -> int:
    from dealerdesk.services.info import database_info

    _open(db_path)
    info = database_info()
    where = "server" if is_server_url(info.path) else "file"
    print(f"{where:<16}{info.path}")
    print(f"schema version  {info.schema_version}")
    print(f"size            {info.size_bytes / 1_048_576:,.1f} MB")
    for count in info.counts:
        print(f"{count.table:<16}{count.rows:>12,}")
    return 0


def _cmd_followups(args: argparse.Namespace, db_path: Path) -> int:
    from dealerdesk.services import followups

    _open(db_path)
    today = _today(args)
    followups.ensure_cadence_rules()
    result = followups.generate_followups(today=today, horizon_days=max(90, args.days))
    print(f"generated: {result.created} new, {result.moved} moved, {result.cancelled} cancelled",
          file=sys.stderr)  # fmt: skip
    rows = followups.due_followups(today=today, days=args.days)
    header = ("due", "overdue_days", "customer", "phone", "kind", "reason", "assignee")
    table = [(r.due.isoformat(), str(r.overdue_days), r.customer_name, r.phone, r.kind_label,
              r.reason, r.assignee) for r in rows]  # fmt: skip
    _emit(args.format, header, table)
    return 0


def _cmd_risk(args: argparse.Namespace, db_path: Path) -> int:
    from dealerdesk.services import scoring

    _open(db_path)
    today = _today(args)
    scoring.refresh_scores(today=today)
    rows = scoring.top_at_risk(today=today, limit=args.top)
    header = ("rank", "score", "customer", "tier", "phone", "owner", "reasons")
    table = [(str(i), str(r.score), r.name, r.tier, r.phone, r.owner, "; ".join(r.reasons))
             for i, r in enumerate(rows, start=1)]  # fmt: skip
    _emit(args.format, header, table)
    return 0


def _cmd_report(args: argparse.Namespace, db_path: Path) -> int:
    from dealerdesk.services import reports

    _open(db_path)
    out = Path(args.out)
    if not out.parent.is_dir():
        raise DealerDeskError(f"The folder {out.parent} does not exist.")
    if args.report == "at-risk":
        result = reports.make_at_risk_pdf(
            out, today=_today(args), top=args.top, mask_phones=args.mask_phones
        )
    else:
        result = reports.make_agenda_pdf(
            out, today=_today(args), days=args.days, mask_phones=args.mask_phones
        )
    print(f"wrote {result.path} ({result.pages} pages)")
    return 0


def _emit(fmt: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(header)
        writer.writerows(rows)
        return
    if not rows:
        print("nothing to show")
        return
    widths = [min(40, max(len(h), *(len(r[i]) for r in rows))) for i, h in enumerate(header)]
    print("  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip())
    for row in rows:
        cells = [c if len(c) <= w else c[: w - 1] + "…" for c, w in zip(row, widths, strict=True)]
        print("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip())


def _cmd_copy(args: argparse.Namespace, db_path: Path) -> int:
    from dealerdesk.i18n import t
    from dealerdesk.store.copy import copy_database

    result = copy_database(args.source, args.target,
                           progress=lambda table, n: print(t("copy.table", table=table, n=n)))  # fmt: skip
    print(t("copy.done", rows=result.rows, tables=len(result.tables), source=result.source,
            target=result.target))  # fmt: skip
    return 0


_HANDLERS: dict[str, Callable[[argparse.Namespace, Path], int]] = {
    "copy": _cmd_copy,
    "demo": _cmd_demo,
    "info": _cmd_info,
    "followups": _cmd_followups,
    "risk": _cmd_risk,
    "report": _cmd_report,
}


if __name__ == "__main__":
    raise SystemExit(main())
