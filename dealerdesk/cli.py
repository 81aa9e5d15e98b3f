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
import unicodedata
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from dealerdesk import __version__, i18n
from dealerdesk.errors import DealerDeskError
from dealerdesk.logs import setup_logging
from dealerdesk.paths import is_server_url, resolve_db_path

log = logging.getLogger("dealerdesk.cli")

EXIT_ERROR = 1
EXIT_USAGE = 2
_USER: str | None = None  # --user of this run


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line too (argparse prints usage + message)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"dealerdesk: {message} (see --help)\n")


EARLIEST_DAY = date(1970, 1, 1)  # issue #11: a sane range, checked before anything is written
LATEST_DAY = date(2199, 12, 31)


def _date(text: str) -> date:
    from dealerdesk.i18n import t

    try:
        value = date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"“{text}” is not a date (use YYYY-MM-DD)") from exc
    if not EARLIEST_DAY <= value <= LATEST_DAY:
        raise argparse.ArgumentTypeError(
            t("safety.cli.date_range", value=text, low=EARLIEST_DAY.isoformat(),
              high=LATEST_DAY.isoformat())
        )  # fmt: skip
    return value


def _not_negative(text: str) -> int:
    from dealerdesk.i18n import t

    try:
        value = int(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"“{text}” is not a whole number") from exc
    if value < 0:
        raise argparse.ArgumentTypeError(t("safety.cli.negative", value=value))
    if value > 3660:
        raise argparse.ArgumentTypeError(t("safety.cli.date_range", value=value, low=0, high=3660))
    return value


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
    parser.add_argument("--lang", choices=i18n.LANGUAGES,
                        help="language of tables and reports (default: from LANG / LC_ALL)")  # fmt: skip
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def common(p: argparse.ArgumentParser, *, today: bool = True) -> None:
        p.add_argument("--db", metavar="PATH|URL",
                       help="the database file, or postgresql://user@host/dbname")  # fmt: skip
        p.add_argument("--user", metavar="NAME", help="act as this staff member (issue #11; "
                       "with sign-in on, the password is read from DEALERDESK_PASSWORD)")  # fmt: skip
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
    p.add_argument("--days", type=_not_negative, default=0,
                   help="also list those due in the next N days")  # fmt: skip
    p.add_argument("--format", choices=("table", "csv"), default="table")

    # issue #7: the manager's printed morning list
    p = sub.add_parser("today", help="each person's list for today, cut to their capacity",
                       description=("Each staff member's follow-ups for today as Today shows them: "
                                    "best first, cut to their calls per day; greetings count "
                                    "once per occasion and channel; what is left is counted as "
                                    "later."))  # fmt: skip
    common(p)
    p.add_argument("--staff", metavar="NAME", help="only this staff member (name or username)")
    p.add_argument("--format", choices=("table", "csv"), default="table")

    p = sub.add_parser("risk", help="customers most at risk, with reasons",
                       description="Score every customer and list the most at risk, with reasons.")  # fmt: skip
    common(p)
    p.add_argument("--top", type=_positive, default=20, help="how many (default 20)")
    p.add_argument("--format", choices=("table", "csv"), default="table")
    p.add_argument("--full-phones", action="store_true",
                   help="show whole numbers (default 139****5678: a list that is read, not dialled)")  # fmt: skip

    p = sub.add_parser("complaints", help="complaints with their targets", description=(
        "List complaints, unresolved first, each against its working-day targets, with the "
        "median first-response time and how many are past target."))  # fmt: skip
    common(p)
    p.add_argument("--open", action="store_true", help="only those not resolved yet")
    p.add_argument("--format", choices=("table", "csv"), default="table")

    p = sub.add_parser("nps", help="Net Promoter Score of a period",
                       description="NPS (promoters minus detractors) of the answers given "
                       "from --from to --to, both days included.")  # fmt: skip
    common(p, today=False)
    p.add_argument("--from", dest="start", type=_date, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", type=_date, required=True, metavar="YYYY-MM-DD")

    p = sub.add_parser("backtest", help="does the risk score beat plain recency? (AUC, bands)",
                       description=(
        "Score everyone at --cutoff from the visits before it and compare with who came back "
        "within --horizon-days: AUC, no-return rate per band and top-10%% lift of the risk "
        "score beside days-since-last-visit and BG/NBD expected visits. The CSV needs "
        "customer_id, date, amount and optionally kind (sale, service, repair, ...)."))  # fmt: skip
    p.add_argument("--transactions", required=True, metavar="FILE.csv")
    p.add_argument("--cutoff", required=True, type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--horizon-days", required=True, type=_positive, metavar="N")
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
    r.add_argument("--mask-phones", action="store_true", help="print 139****5678 (the default)")
    r.add_argument("--full-phones", action="store_true", help="print whole numbers")
    r = reports.add_parser("agenda", help="today's follow-ups, to work through on paper",
                           description="Today's follow-ups: overdue, due today, coming days.")  # fmt: skip
    common(r)
    r.add_argument("--out", required=True, metavar="FILE.pdf")
    r.add_argument("--days", type=_not_negative, default=0, help="also the next N days")
    r.add_argument("--mask-phones", action="store_true")
    r = reports.add_parser("partner", help="a partner business's statement for a period",
                           description="The customers exchanged with one partner business, "
                           "both ways, and what they spent in the period (both days included).")  # fmt: skip
    common(r)
    r.add_argument(
        "--partner", required=True, metavar="NAME", help="the partner's name (or a unique part)"
    )
    r.add_argument("--from", dest="start", type=_date, metavar="YYYY-MM-DD",
                   help="first day (default: the first of --to's month)")  # fmt: skip
    r.add_argument(
        "--to", dest="end", type=_date, metavar="YYYY-MM-DD", help="last day (default: today)"
    )
    r.add_argument("--out", required=True, metavar="FILE.pdf")
    r.add_argument(
        "--full-phones", action="store_true", help="print whole numbers (default 139****5678)"
    )
    _dashboard_commands(sub, reports, common)  # issue #15
    _safety_commands(sub, common)  # issue #11
    _add_data_commands(sub, common)
    return parser


def _dashboard_commands(sub: Any, reports: Any, common: Callable[..., None]) -> None:
    """issue #15: the manager's figures as a table, and the retention summary PDF."""
    p = sub.add_parser("metrics", help="retention figures of a period, beside the one before",
                       description=("Every dashboard figure for --from to --to (both days "
                                    "included; default: the 12 months to today), beside the "
                                    "period just before."))  # fmt: skip
    common(p)
    p.add_argument("--from", dest="start", type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", type=_date, metavar="YYYY-MM-DD")
    p.add_argument("--compare", choices=("previous", "year_before"), default="previous")
    p.add_argument("--growth", type=float, default=10.0, metavar="PCT",
                   help="growth target for the leaky bucket, %% a year (default 10)")  # fmt: skip
    p.add_argument("--format", choices=("table", "csv"), default="table")
    r = reports.add_parser("retention", help="retention summary for the monthly meeting",
                           description="Key figures, charts by month, CLV by tier, staff.")  # fmt: skip
    common(r)
    r.add_argument("--from", dest="start", type=_date, required=True, metavar="YYYY-MM-DD")
    r.add_argument("--to", dest="end", type=_date, required=True, metavar="YYYY-MM-DD")
    r.add_argument("--compare", choices=("previous", "year_before"), default="previous")
    r.add_argument("--out", required=True, metavar="FILE.pdf")


def _period(args: argparse.Namespace) -> tuple[date, date]:
    from dealerdesk.services import dashboard

    end = args.end or _today(args)
    start = args.start or dashboard.default_period(end).first
    if start > end:
        raise DealerDeskError(i18n.t("safety.cli.date_range", value=start.isoformat(),
                                     low=EARLIEST_DAY.isoformat(), high=end.isoformat()))  # fmt: skip
    return start, end


def _cmd_metrics(args: argparse.Namespace, db_path: Path) -> int:
    from dealerdesk.services import dashboard, dashboard_text

    _open(db_path)
    start, end = _period(args)
    period = dashboard.Period(start, end)
    board = dashboard.dashboard(period, dashboard.comparison(period, args.compare),
                                now=datetime.combine(end, datetime.max.time()).replace(microsecond=0))  # fmt: skip
    header = tuple(i18n.t(f"dash.col.{k}") for k in ("figure", "period", "compare", "change"))
    print(f"{start.isoformat()}..{end.isoformat()} / {board.compare.first.isoformat()}.."
          f"{board.compare.last.isoformat()}", file=sys.stderr)  # fmt: skip
    _emit(args.format, header, dashboard_text.figure_rows(board, growth_target=args.growth / 100))
    return 0


def _safety_commands(sub: Any, common: Callable[..., None]) -> None:
    """issue #11: backup, restore and the audit trail."""
    p = sub.add_parser("backup", help="back up the database to a folder", description=(
        "Copy the database with SQLite's online backup (safe while the window is open) to "
        "--to (default: the backups folder beside it), keeping the newest --keep."))  # fmt: skip
    common(p, today=False)
    p.add_argument("--to", metavar="DIR", help="the folder for backups")
    p.add_argument("--keep", type=_positive, default=10, help="backups to keep (default 10)")
    p = sub.add_parser("restore", help="restore the database from a backup", description=(
        "Replace the database with a backup; the current file is kept aside first."))  # fmt: skip
    common(p, today=False)
    p.add_argument("--from", dest="source", required=True, metavar="FILE")
    p = sub.add_parser("audit", help="the audit trail: who changed what, when",
                       description="Print the audit trail (managers only), oldest first.")  # fmt: skip
    common(p, today=False)
    p.add_argument("--since", type=_date, metavar="YYYY-MM-DD", help="from this day on")
    p.add_argument("--format", choices=("table", "csv"), default="table")


def _add_data_commands(sub: Any, common: Callable[..., None]) -> None:
    """``import``, ``export`` and ``duplicates`` (issue 10)."""
    p = sub.add_parser("import", help="import customers from CSV, Excel or vCard", description=(
        "Import customers with their vehicles, purchases and service visits. Every row is "
        "checked first; a file with any error writes nothing. Re-importing a file adds nothing."))  # fmt: skip
    common(p)
    p.add_argument("file", nargs="?", metavar="FILE", help=".csv, .xlsx, .xls or .vcf")
    p.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
    p.add_argument("--mapping", metavar="FILE.json", help="column mapping to use")
    p.add_argument("--save-mapping", metavar="FILE.json", help="write the mapping used")
    p.add_argument("--sheet", metavar="NAME", help="the workbook sheet (default: the first)")
    p.add_argument("--list", action="store_true", help="list earlier imports")
    p.add_argument("--undo", type=_positive, metavar="ID", help="undo the import with this id")

    p = sub.add_parser("export", help="export to CSV or Excel", description=(
        "Export to CSV (UTF-8 with BOM, for Excel) or .xlsx; cells that a spreadsheet would run "
        "as formulas are neutralised. Also vCards of customers and one staff member's "
        "follow-ups as an iCalendar file."))  # fmt: skip
    common(p)
    p.add_argument("what", choices=("customers", "vehicles", "followups", "complaints",
                                    "vcards", "calendar"))  # fmt: skip
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument("--format", choices=("csv", "xlsx"), help="default: from the file name")
    p.add_argument("--staff", type=_positive, metavar="ID", help="whose follow-ups (calendar)")

    p = sub.add_parser("duplicates", help="find (and merge) likely duplicate customers",
                       description="List likely duplicate customers with the reason.")  # fmt: skip
    common(p)
    p.add_argument("--merge", nargs=2, type=_positive, metavar=("KEEP", "DROP"),
                   help="merge customer DROP into KEEP")  # fmt: skip
    p.add_argument("--format", choices=("table", "csv"), default="table")


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    i18n.set_language(args.lang or i18n.system_language())
    db_path = resolve_db_path(getattr(args, "db", None))
    global _USER
    _USER = getattr(args, "user", None)
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


def _today(args: argparse.Namespace) -> date:
    return args.today or date.today()


def _open(db_path: Path, *, create: bool = False) -> None:
    from dealerdesk.store import open_database

    opened = open_database(db_path, create=create)
    from dealerdesk.services import auth  # issue #11: who this run acts for

    auth.act_as(_USER, os.environ.get("DEALERDESK_PASSWORD") if _USER else None)
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
    from dealerdesk.services.backups import check_thoroughly
    from dealerdesk.services.info import database_info

    check_thoroughly(db_path)  # issue #11: every page, before the file is opened for writing
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
    from dealerdesk.services.desk_day import kind_text_of  # the kind in the CLI's language

    table = [(r.due.isoformat(), str(r.overdue_days), r.customer_name, r.phone,
              kind_text_of(r.kind), r.reason, r.assignee) for r in rows]  # fmt: skip
    _emit(args.format, header, table)
    return 0


def _cmd_today(args: argparse.Namespace, db_path: Path) -> int:
    """issue #7: `dealerdesk today` prints each person's list as Today shows it."""
    from dealerdesk.i18n import fmt_date, t
    from dealerdesk.services import desk_day
    from dealerdesk.services.customers import display_phone

    _open(db_path)
    today = _today(args)
    staff_id = None
    if args.staff:
        wanted = args.staff.strip().lower()
        found = [s for s in desk_day.list_staff_names() if wanted in (s[1].lower(), s[2].lower())]
        if not found:
            raise DealerDeskError(f"There is no staff member called “{args.staff}”.")
        staff_id = found[0][0]
    plan = desk_day.day_plan(today=today, staff_id=staff_id)
    if staff_id is not None:
        plan = desk_day.only(plan, staff_id)
    header = tuple(t(f"cli.today.{k}") for k in
                   ("staff", "rank", "due", "overdue", "customer", "phone", "kind", "reason"))  # fmt: skip
    table = []
    for person in plan.people:
        name = person.staff_name or t("cli.today.unassigned")
        for n, task in enumerate(person.tasks, start=1):
            table.append((name, str(n), fmt_date(task.due), str(task.overdue_days),
                          task.customer_name, display_phone(task.phone) if task.phone else "",
                          desk_day.kind_text(task), task.reason))  # fmt: skip
    if args.format == "table" and not table:
        print(t("cli.today.nothing"))
    else:
        _emit(args.format, header, table)
    for person in plan.people:
        name = person.staff_name or t("cli.today.unassigned")
        print(t("cli.today.summary", staff=name, shown=len(person.tasks),
                capacity=person.capacity, later=person.later), file=sys.stderr)  # fmt: skip
    if plan.catchup:
        print(t("cli.today.catchup", n=plan.catchup), file=sys.stderr)
    return 0


def _cmd_risk(args: argparse.Namespace, db_path: Path) -> int:
    from dealerdesk.i18n import render
    from dealerdesk.i18n.words import label_of
    from dealerdesk.services import scoring
    from dealerdesk.vocab.retention import RiskBand, ValueTier

    _open(db_path)
    today = _today(args)
    scoring.refresh_scores(today=today)
    rows = scoring.top_at_risk(today=today, limit=args.top)
    from dealerdesk.reports.data import mask_phone  # issue #11: masked unless asked

    header = ("rank", "score", "band", "customer", "tier", "phone", "owner", "reasons", "action")
    table = [
        (str(i), str(r.score), label_of(RiskBand, r.band), r.name, label_of(ValueTier, r.tier),
         r.phone if args.full_phones else mask_phone(r.phone), r.owner,
         "; ".join(render(m) for m in r.reasons), render(r.action))
        for i, r in enumerate(rows, start=1)
    ]  # fmt: skip
    _emit(args.format, header, table)
    return 0


def _cmd_backtest(args: argparse.Namespace, db_path: Path) -> int:
    from dealerdesk.services import backtest

    result = backtest.backtest_file(Path(args.transactions), cutoff=args.cutoff,
                                    horizon_days=args.horizon_days)  # fmt: skip
    if args.format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(backtest.CSV_HEADER)
        writer.writerows(backtest.csv_rows(result))
    else:
        print("\n".join(backtest.table_lines(result)))
    return 0


def _cmd_report(args: argparse.Namespace, db_path: Path) -> int:
    from dealerdesk.services import reports

    _open(db_path)
    out = reports.check_pdf_path(Path(args.out))
    if args.report == "partner":  # issue #14
        return _report_partner(args, out)
    if args.report == "retention":  # issue #15
        start, end = _period(args)
        result = reports.make_retention_pdf(
            out, first=start, last=end, compare=args.compare,
            now=datetime.combine(end, datetime.max.time()).replace(microsecond=0))  # fmt: skip
        print(i18n.t("dash.cli.wrote", path=result.path, pages=result.pages))
        return 0
    if args.report == "at-risk":
        result = reports.make_at_risk_pdf(
            out,
            today=_today(args),
            top=args.top,
            mask_phones=not args.full_phones,  # issue #11
        )
    else:
        result = reports.make_agenda_pdf(
            out, today=_today(args), days=args.days, mask_phones=args.mask_phones
        )
    print(f"wrote {result.path} ({result.pages} pages)")
    return 0


def _report_partner(args: argparse.Namespace, out: Path) -> int:
    from dealerdesk.i18n import fmt_money, t
    from dealerdesk.services import partners

    end = args.end or _today(args)
    start = args.start or end.replace(day=1)
    partner = partners.find_partner(args.partner)
    result = partners.make_statement_pdf(out, partner_id=partner.id, start=start, end=end,
                                         today=_today(args), mask_phones=not args.full_phones)  # fmt: skip
    s = result.statement
    print(t("cli.partner.wrote", path=result.path, pages=result.pages, sent_us=len(s.sent_us),
            from_amount=fmt_money(s.from_total, decimals=2), we_sent=len(s.we_sent),
            to_amount=fmt_money(s.to_total, decimals=2)))  # fmt: skip
    return 0


def _cmd_complaints(args: argparse.Namespace, db_path: Path) -> int:
    from datetime import datetime

    from dealerdesk.i18n import Msg, render, t
    from dealerdesk.services import complaints, customers
    from dealerdesk.vocab.complaints import UNRESOLVED, ComplaintCategory

    _open(db_path)
    now = datetime.combine(args.today, datetime.max.time()).replace(microsecond=0) if args.today \
        else datetime.now().replace(microsecond=0)  # fmt: skip
    flt = complaints.ComplaintFilter(statuses=tuple(UNRESOLVED) if args.open else None)
    found = complaints.list_complaints(flt, now=now)
    header = ("id", "opened", "customer", "phone", "category", "severity", "status", "owner",
              "respond_by", "resolve_by", "late")  # fmt: skip
    table = [(str(i.row.id), f"{i.row.opened_at:%Y-%m-%d %H:%M}", i.row.customer_name,
              customers.display_phone(i.row.phone), render(Msg(f"vocab.complaint_category.{i.row.category}"))
              if i.row.category in set(ComplaintCategory) else i.row.category,
              render(Msg(f"vocab.complaint_severity.{i.row.severity}")),
              render(Msg(f"vocab.complaint_status.{i.row.status}")), i.row.assignee,
              i.clock.response_due.date().isoformat(), i.clock.resolve_due.date().isoformat(),
              i.late) for i in found.items]  # fmt: skip
    _emit(args.format, header, table)
    median = "–" if found.median_response_hours is None else f"{found.median_response_hours:.1f}"
    print(t("practices.complaint.cli_summary", n=len(found.items), median=median,
            late=found.past_target), file=sys.stderr)  # fmt: skip
    return 0


def _cmd_nps(args: argparse.Namespace, db_path: Path) -> int:
    from dealerdesk.i18n import t
    from dealerdesk.services import surveys

    _open(db_path)
    result = surveys.nps_for(args.start, args.end)
    if result.score is None:
        print(t("practices.nps.none", start=args.start, end=args.end))
        return 0
    print(t("practices.nps.summary", score=f"{result.score:+.0f}", n=result.responses,
            promoters=result.promoters, passives=result.passives,
            detractors=result.detractors, start=args.start, end=args.end))  # fmt: skip
    return 0


def _cmd_backup(args: argparse.Namespace, db_path: Path) -> int:
    from dealerdesk.i18n import t
    from dealerdesk.services import backups

    _open(db_path)
    folder = Path(args.to) if args.to else None
    made = backups.backup_now(db_path, now=datetime.now(), folder=folder, keep=args.keep)
    print(t("safety.backup.done", path=made.path, size=f"{made.size_bytes / 1_048_576:,.1f}",
            kept=made.kept))  # fmt: skip
    return 0


def _cmd_restore(args: argparse.Namespace, db_path: Path) -> int:

    from dealerdesk.errors import DamagedDatabaseError
    from dealerdesk.i18n import t
    from dealerdesk.services import backups

    # Who restores (managers only) is checked on the file as it is; a damaged file has no
    # staff to ask, so whoever holds the file may recover it.
    damaged = False
    if db_path.exists():
        try:
            _open(db_path)
        except DamagedDatabaseError:
            damaged = True
    done = backups.restore(db_path, Path(args.source), now=datetime.now(), damaged=damaged)
    print(t("safety.restore.done", path=done.path, source=done.source, aside=done.aside))
    return 0


def _cmd_audit(args: argparse.Namespace, db_path: Path) -> int:
    from dealerdesk.services import audit

    _open(db_path)
    rows = audit.audit_trail(since=args.since)
    header = ("at", "staff", "action", "entity", "id", "details")
    table = [(f"{r.at:%Y-%m-%d %H:%M:%S}", r.staff_name or "", r.action, r.entity,
              "" if r.entity_id is None else str(r.entity_id), r.details) for r in rows]  # fmt: skip
    _emit(args.format, header, table)
    return 0


def _cmd_import(args: argparse.Namespace, db_path: Path) -> int:
    from dealerdesk.i18n import render, t
    from dealerdesk.services import importing
    from dealerdesk.services.import_mapping import load_mapping_file, save_mapping_file

    _open(db_path, create=True)
    if args.list:
        rows = [(str(e.audit_id), e.at.isoformat(" "), e.file, str(e.customers), str(e.vehicles),
                 str(e.visits), "undone" if e.undone else "") for e in importing.list_imports()]  # fmt: skip
        _emit("table", ("id", "at", "file", "customers", "vehicles", "visits", ""), rows)
        return 0
    if args.undo:
        importing.undo_import(args.undo, today=_today(args), now=_now(args))
        print(t("import.undone", audit=args.undo))
        return 0
    if not args.file:
        raise DealerDeskError(t("import.cli_no_file"))
    mapping = load_mapping_file(args.mapping).columns if args.mapping else None
    opened = importing.open_file(args.file, sheet=args.sheet, mapping=mapping)
    width = max((len(h) for h in opened.headers), default=0)
    print(f"# {opened.table.kind} {opened.table.encoding} {opened.table.sheet}".rstrip(),
          f"mapping: {opened.mapping_source}", file=sys.stderr)  # fmt: skip
    for header, field in opened.mapping.items():
        print(f"#   {header.ljust(width)}  ->  {field or '-'}", file=sys.stderr)
    if args.save_mapping:
        save_mapping_file(args.save_mapping, opened.headers, opened.mapping)
    if args.dry_run:
        plan = importing.dry_run(opened, today=_today(args))
    else:
        try:
            result = importing.run_import(opened, today=_today(args), now=_now(args))
        except importing.ImportRejectedError as exc:
            plan = exc.plan
        else:
            print(render(result.plan.summary()))
            print(t("import.done", path=args.file, seconds=f"{result.seconds:.1f}",
                    audit=result.audit_id))  # fmt: skip
            return 0
    print(render(plan.summary()))
    for dup in plan.duplicates[:50]:
        print(t("import.cli_row", row=dup.row, reason=render(dup.reason)), file=sys.stderr)
    if plan.errors:
        _emit("table", ("row", "column", "value", "reason"), importing.error_lines(plan.errors))
        print(t("import.rejected", n=len(plan.errors)), file=sys.stderr)
        return EXIT_ERROR
    if args.dry_run:
        print(t("import.dry_run_done"), file=sys.stderr)
    return 0


def _cmd_export(args: argparse.Namespace, db_path: Path) -> int:
    from dealerdesk.i18n import t
    from dealerdesk.services import exporting, vcards

    _open(db_path)
    out = Path(args.out)
    if args.what == "vcards":
        result = vcards.export_vcards(out)
    elif args.what == "calendar":
        if not args.staff:
            raise DealerDeskError(t("export.cli_needs_staff"))
        result = exporting.export_staff_ics(out, staff_id=args.staff, today=_today(args),
                                            now=_now(args))  # fmt: skip
    else:
        result = exporting.export(args.what, out, fmt=args.format)
    print(t("export.done", path=str(result.path), n=result.rows))
    return 0


def _cmd_duplicates(args: argparse.Namespace, db_path: Path) -> int:
    from dealerdesk.i18n import render, t
    from dealerdesk.services import duplicates

    _open(db_path)
    if args.merge:
        keep, drop = args.merge
        duplicates.merge_customers(keep=keep, drop=drop, today=_today(args), now=_now(args))
        print(t("dup.merged", keep=keep, drop=drop))
        return 0
    pairs = duplicates.find_duplicates()
    rows = [(str(p.a.id), p.a.name, p.a.phone, str(p.b.id), p.b.name, p.b.phone,
             "; ".join(render(r) for r in p.reasons)) for p in pairs]  # fmt: skip
    _emit(args.format, ("id", "name", "phone", "other_id", "other_name", "other_phone",
                        "reason"), rows)  # fmt: skip
    return 0


def _now(args: argparse.Namespace) -> datetime:
    real = datetime.now().replace(microsecond=0)
    return datetime.combine(args.today, real.time()) if args.today else real


def _emit(fmt: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(header)
        writer.writerows(rows)
        return
    if not rows:
        print(i18n.t("cli.nothing"))
        return
    cols = [min(40, max(_cells(h), *(_cells(r[i]) for r in rows))) for i, h in enumerate(header)]
    print("  ".join(_pad(h, w) for h, w in zip(header, cols, strict=True)).rstrip())
    for row in rows:
        print("  ".join(_pad(_fit(c, w), w) for c, w in zip(row, cols, strict=True)).rstrip())


def _char_cells(ch: str) -> int:
    """Terminal cells of one character: Chinese and full-width forms take two, combining
    marks none. The standard library's East Asian Width table is what terminals follow
    (wcwidth would be one more dependency for the same answer on this text)."""
    if unicodedata.combining(ch):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def _cells(text: str) -> int:
    return len(text) if text.isascii() else sum(_char_cells(c) for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _cells(text))


def _fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells, "…" (one cell) marking the cut."""
    if _cells(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        if used + _char_cells(ch) > width - 1:
            break
        out.append(ch)
        used += _char_cells(ch)
    return "".join(out) + "…"


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
    "today": _cmd_today,
    "risk": _cmd_risk,
    "backtest": _cmd_backtest,
    "report": _cmd_report,
    "complaints": _cmd_complaints,
    "nps": _cmd_nps,
    "metrics": _cmd_metrics,
    "backup": _cmd_backup,
    "restore": _cmd_restore,
    "audit": _cmd_audit,
    "import": _cmd_import,
    "export": _cmd_export,
    "duplicates": _cmd_duplicates,
}


if __name__ == "__main__":
    raise SystemExit(main())
