"""The ``dealerdesk`` command line: its arguments, checked before anything runs."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from typing import Any

from dealerdesk import __version__, i18n

EXIT_ERROR = 1
EXIT_USAGE = 2


class Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line too (argparse prints usage + message)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"dealerdesk: {message} (see --help)\n")


EARLIEST_DAY = date(1970, 1, 1)  # issue #11: a sane range, checked before anything is written


LATEST_DAY = date(2199, 12, 31)


def date_arg(text: str) -> date:
    from dealerdesk.i18n import t

    try:
        value = date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(t("safety.cli.not_date", value=text)) from exc
    if not EARLIEST_DAY <= value <= LATEST_DAY:
        raise argparse.ArgumentTypeError(
            t("safety.cli.date_range", value=text, low=EARLIEST_DAY.isoformat(),
              high=LATEST_DAY.isoformat())
        )  # fmt: skip
    return value


def _whole(text: str) -> int:
    from dealerdesk.i18n import t

    try:
        return int(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(t("safety.cli.not_whole", value=text)) from exc


def not_negative(text: str) -> int:
    """A count of days: 0 to 3660."""
    from dealerdesk.i18n import t

    value = _whole(text)
    if value < 0:
        raise argparse.ArgumentTypeError(t("safety.cli.negative", value=value))
    if value > 3660:
        raise argparse.ArgumentTypeError(t("safety.cli.date_range", value=value, low=0, high=3660))
    return value


def positive(text: str) -> int:
    from dealerdesk.i18n import t

    value = _whole(text)
    if value < 1:
        raise argparse.ArgumentTypeError(t("safety.cli.at_least_one", value=value))
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="dealerdesk",
        description="DealerDesk: the retention desk of one car dealership.",
        epilog="The database is --db, else $DEALERDESK_DB, else dealerdesk.db in the data folder.",
    )
    parser.add_argument("--version", action="version", version=f"dealerdesk {__version__}")
    parser.add_argument("--lang", choices=i18n.LANGUAGES,
                        help="language of tables and reports (default: from LANG / LC_ALL)")  # fmt: skip
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    def common(p: argparse.ArgumentParser, *, today: bool = True) -> None:
        p.add_argument("--db", metavar="PATH|URL",
                       help="the database file, or postgresql://user@host/dbname")  # fmt: skip
        p.add_argument("--user", metavar="NAME", help="act as this staff member (issue #11; "
                       "with sign-in on, the password is read from DEALERDESK_PASSWORD)")  # fmt: skip
        if today:
            p.add_argument("--today", type=date_arg, metavar="YYYY-MM-DD",
                           help="pretend today is this date (default: the system date)")  # fmt: skip

    p = sub.add_parser("demo", help="create a demo dealership", description=(
        "Create a realistic, reproducible demo dealership (the same seed gives the same data)."))  # fmt: skip
    common(p)
    p.add_argument("--customers", type=positive, default=2000, help="how many (default 2000)")
    p.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    p.add_argument("--replace", action="store_true", help="overwrite an existing database file")

    p = sub.add_parser("info", help="file, schema version and row counts",
                       description="Show the database file, its schema version and rows per table.")  # fmt: skip
    common(p, today=False)

    p = sub.add_parser("followups", help="generate and list due follow-ups", description=(
        "Generate follow-ups from the cadence rules (idempotent), then list the overdue ones "
        "and those due within --days."))  # fmt: skip
    common(p)
    p.add_argument("--days", type=not_negative, default=0,
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
    p.add_argument("--top", type=positive, default=20, help="how many (default 20)")
    p.add_argument("--format", choices=("table", "csv"), default="table")
    p.add_argument("--full-phones", action="store_true",
                   help="show whole numbers (default 139****5678: a list that is read, not dialled)")  # fmt: skip

    p = sub.add_parser("complaints", help="complaints with their targets", description=(
        "List complaints, unresolved first, each against its working-day targets, with the "
        "median first-response time and how many are past target."))  # fmt: skip
    common(p)
    p.add_argument("--open", action="store_true", help="only those not resolved yet")
    p.add_argument("--format", choices=("table", "csv"), default="table")

    p = sub.add_parser("added-value", help="A+ offers: shown, made into follow-ups, taken up",
                       description=("For each added-value offer (tyres, extended warranty, "
                                    "accessories, insurance renewal, new model): how often it "
                                    "was shown, made into a follow-up, and taken up."))  # fmt: skip
    common(p, today=False)
    p.add_argument("--customer", type=positive, metavar="ID", help="one customer only")
    p.add_argument("--format", choices=("table", "csv"), default="table")

    p = sub.add_parser("nps", help="Net Promoter Score of a period",
                       description="NPS (promoters minus detractors) of the answers given "
                       "from --from to --to, both days included.")  # fmt: skip
    common(p, today=False)
    p.add_argument("--from", dest="start", type=date_arg, required=True, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", type=date_arg, required=True, metavar="YYYY-MM-DD")

    p = sub.add_parser("backtest", help="does the risk score beat plain recency? (AUC, bands)",
                       description=(
        "Score everyone at --cutoff from the visits before it and compare with who came back "
        "within --horizon-days: AUC, no-return rate per band and top-10%% lift of the risk "
        "score beside days-since-last-visit and BG/NBD expected visits. The CSV needs "
        "customer_id, date, amount and optionally kind (sale, service, repair, ...)."))  # fmt: skip
    p.add_argument("--transactions", required=True, metavar="FILE.csv")
    p.add_argument("--cutoff", required=True, type=date_arg, metavar="YYYY-MM-DD")
    p.add_argument("--horizon-days", required=True, type=positive, metavar="N")
    p.add_argument("--format", choices=("table", "csv"), default="table")
    p = sub.add_parser("copy", help="copy a whole dealership to another database", description=(
        "Copy everything from one database into an empty one (a file to a PostgreSQL server, "
        "or back), in one transaction, then check the rows of every table on both sides."))  # fmt: skip
    p.add_argument("--from", dest="source", required=True, metavar="PATH|URL")
    p.add_argument("--to", dest="target", required=True, metavar="PATH|URL")

    p = sub.add_parser("report", help="write a PDF report", description="Write a PDF report.")
    reports = p.add_subparsers(dest="report", required=True, parser_class=Parser)
    r = reports.add_parser("at-risk", help="customers at risk (ranked, reasons, chart)",
                           description="Customers at risk: summary, chart and the ranked table.")  # fmt: skip
    common(r)
    r.add_argument("--out", required=True, metavar="FILE.pdf")
    r.add_argument("--top", type=positive, default=100, help="rows in the table (default 100)")
    r.add_argument("--mask-phones", action="store_true", help="print 139****5678 (the default)")
    r.add_argument("--full-phones", action="store_true", help="print whole numbers")
    r = reports.add_parser("agenda", help="today's follow-ups, to work through on paper",
                           description="Today's follow-ups: overdue, due today, coming days.")  # fmt: skip
    common(r)
    r.add_argument("--out", required=True, metavar="FILE.pdf")
    r.add_argument("--days", type=not_negative, default=0, help="also the next N days")
    r.add_argument("--mask-phones", action="store_true")
    r = reports.add_parser("partner", help="a partner business's statement for a period",
                           description="The customers exchanged with one partner business, "
                           "both ways, and what they spent in the period (both days included).")  # fmt: skip
    common(r)
    r.add_argument(
        "--partner", required=True, metavar="NAME", help="the partner's name (or a unique part)"
    )
    r.add_argument("--from", dest="start", type=date_arg, metavar="YYYY-MM-DD",
                   help="first day (default: the first of --to's month)")  # fmt: skip
    r.add_argument(
        "--to", dest="end", type=date_arg, metavar="YYYY-MM-DD", help="last day (default: today)"
    )
    r.add_argument("--out", required=True, metavar="FILE.pdf")
    r.add_argument(
        "--full-phones", action="store_true", help="print whole numbers (default 139****5678)"
    )
    dashboard_commands(sub, reports, common)  # issue #15
    safety_commands(sub, common)  # issue #11
    data_commands(sub, common)
    return parser


def dashboard_commands(sub: Any, reports: Any, common: Callable[..., None]) -> None:
    """issue #15: the manager's figures as a table, and the retention summary PDF."""
    p = sub.add_parser("metrics", help="retention figures of a period, beside the one before",
                       description=("Every dashboard figure for --from to --to (both days "
                                    "included; default: the 12 months to today), beside the "
                                    "period just before."))  # fmt: skip
    common(p)
    p.add_argument("--from", dest="start", type=date_arg, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="end", type=date_arg, metavar="YYYY-MM-DD")
    p.add_argument("--compare", choices=("previous", "year_before"), default="previous")
    p.add_argument("--growth", type=float, default=10.0, metavar="PCT",
                   help="growth target for the leaky bucket, %% a year (default 10)")  # fmt: skip
    p.add_argument("--format", choices=("table", "csv"), default="table")
    r = reports.add_parser("retention", help="retention summary for the monthly meeting",
                           description="Key figures, charts by month, CLV by tier, staff.")  # fmt: skip
    common(r)
    r.add_argument("--from", dest="start", type=date_arg, required=True, metavar="YYYY-MM-DD")
    r.add_argument("--to", dest="end", type=date_arg, required=True, metavar="YYYY-MM-DD")
    r.add_argument("--compare", choices=("previous", "year_before"), default="previous")
    r.add_argument("--out", required=True, metavar="FILE.pdf")


def safety_commands(sub: Any, common: Callable[..., None]) -> None:
    """issue #11: backup, restore and the audit trail."""
    p = sub.add_parser("backup", help="back up the database to a folder", description=(
        "Copy the database with SQLite's online backup (safe while the window is open) to "
        "--to (default: the backups folder beside it), keeping the newest --keep."))  # fmt: skip
    common(p, today=False)
    p.add_argument("--to", metavar="DIR", help="the folder for backups")
    p.add_argument("--keep", type=positive, default=10, help="backups to keep (default 10)")
    p = sub.add_parser("restore", help="restore the database from a backup", description=(
        "Replace the database with a backup; the current file is kept aside first."))  # fmt: skip
    common(p, today=False)
    p.add_argument("--from", dest="source", required=True, metavar="FILE")
    p = sub.add_parser("audit", help="the audit trail: who changed what, when",
                       description="Print the audit trail (managers only), oldest first.")  # fmt: skip
    common(p, today=False)
    p.add_argument("--since", type=date_arg, metavar="YYYY-MM-DD", help="from this day on")
    p.add_argument("--format", choices=("table", "csv"), default="table")


def data_commands(sub: Any, common: Callable[..., None]) -> None:
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
    p.add_argument("--undo", type=positive, metavar="ID", help="undo the import with this id")

    p = sub.add_parser("export", help="export to CSV or Excel", description=(
        "Export to CSV (UTF-8 with BOM, for Excel) or .xlsx; cells that a spreadsheet would run "
        "as formulas are neutralised. Also vCards of customers and one staff member's "
        "follow-ups as an iCalendar file."))  # fmt: skip
    common(p)
    p.add_argument("what", choices=("customers", "vehicles", "followups", "complaints",
                                    "vcards", "calendar"))  # fmt: skip
    p.add_argument("--out", required=True, metavar="FILE")
    p.add_argument("--format", choices=("csv", "xlsx"), help="default: from the file name")
    p.add_argument("--staff", type=positive, metavar="ID", help="whose follow-ups (calendar)")

    p = sub.add_parser("duplicates", help="find (and merge) likely duplicate customers",
                       description="List likely duplicate customers with the reason.")  # fmt: skip
    common(p)
    p.add_argument("--merge", nargs=2, type=positive, metavar=("KEEP", "DROP"),
                   help="merge customer DROP into KEEP")  # fmt: skip
    p.add_argument("--format", choices=("table", "csv"), default="table")
