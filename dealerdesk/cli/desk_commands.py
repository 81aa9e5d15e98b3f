"""The desk's commands: the demo, the file, follow-ups, Today, risk, complaints, NPS,
the backtest and the manager's figures."""

from __future__ import annotations

import argparse
import csv
import sys
from datetime import datetime
from pathlib import Path

from dealerdesk import i18n
from dealerdesk.cli.output import emit
from dealerdesk.cli.session import open_db, period_of, today_of
from dealerdesk.errors import DealerDeskError
from dealerdesk.paths import is_server_url


def cmd_demo(args: argparse.Namespace, db_path: Path) -> int:
    from dealerdesk.services.demo import create_demo

    summary = create_demo(
        db_path, customers=args.customers, seed=args.seed, today=today_of(args),
        replace=args.replace, progress=lambda msg: print(f"… {msg}", file=sys.stderr),
    )  # fmt: skip
    print(f"created {summary.path}: {summary.customers:,} customers, "
          f"{summary.events:,} events in {summary.seconds:.1f} s")  # fmt: skip
    return 0


def cmd_info(args: argparse.Namespace, db_path: Path) -> int:
    from dealerdesk.services.backups import check_thoroughly
    from dealerdesk.services.info import database_info

    check_thoroughly(db_path)  # issue #11: every page, before the file is opened for writing
    open_db(db_path)
    info = database_info()
    where = "server" if is_server_url(info.path) else "file"
    print(f"{where:<16}{info.path}")
    print(f"schema version  {info.schema_version}")
    print(f"size            {info.size_bytes / 1_048_576:,.1f} MB")
    for count in info.counts:
        print(f"{count.table:<16}{count.rows:>12,}")
    return 0


def cmd_followups(args: argparse.Namespace, db_path: Path) -> int:
    from dealerdesk.services import followups

    open_db(db_path)
    today = today_of(args)
    followups.ensure_cadence_rules()
    result = followups.generate_followups(today=today, horizon_days=max(90, args.days))
    print(f"generated: {result.created} new, {result.moved} moved, {result.cancelled} cancelled",
          file=sys.stderr)  # fmt: skip
    rows = followups.due_followups(today=today, days=args.days)
    header = ("due", "overdue_days", "customer", "phone", "kind", "reason", "assignee")
    from dealerdesk.services.desk_day import kind_text_of  # the kind in the CLI's language

    table = [(r.due.isoformat(), str(r.overdue_days), r.customer_name, r.phone,
              kind_text_of(r.kind), r.reason, r.assignee) for r in rows]  # fmt: skip
    emit(args.format, header, table)
    return 0


def cmd_today(args: argparse.Namespace, db_path: Path) -> int:
    """issue #7: `dealerdesk today` prints each person's list as Today shows it."""
    from dealerdesk.i18n import fmt_date, t
    from dealerdesk.services import desk_day
    from dealerdesk.services.customers import display_phone

    open_db(db_path)
    today = today_of(args)
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
        emit(args.format, header, table)
    for person in plan.people:
        name = person.staff_name or t("cli.today.unassigned")
        print(t("cli.today.summary", staff=name, shown=len(person.tasks),
                capacity=person.capacity, later=person.later), file=sys.stderr)  # fmt: skip
    if plan.catchup:
        print(t("cli.today.catchup", n=plan.catchup), file=sys.stderr)
    return 0


def cmd_risk(args: argparse.Namespace, db_path: Path) -> int:
    from dealerdesk.i18n import render
    from dealerdesk.i18n.words import label_of
    from dealerdesk.services import scoring
    from dealerdesk.vocab.retention import RiskBand, ValueTier

    open_db(db_path)
    today = today_of(args)
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
    emit(args.format, header, table)
    return 0


def cmd_backtest(args: argparse.Namespace, db_path: Path) -> int:
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


def cmd_complaints(args: argparse.Namespace, db_path: Path) -> int:
    from datetime import datetime

    from dealerdesk.i18n import Msg, render, t
    from dealerdesk.services import complaints, customers
    from dealerdesk.vocab.complaints import UNRESOLVED, ComplaintCategory

    open_db(db_path)
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
    emit(args.format, header, table)
    median = "–" if found.median_response_hours is None else f"{found.median_response_hours:.1f}"
    print(t("practices.complaint.cli_summary", n=len(found.items), median=median,
            late=found.past_target), file=sys.stderr)  # fmt: skip
    return 0


def cmd_nps(args: argparse.Namespace, db_path: Path) -> int:
    from dealerdesk.i18n import t
    from dealerdesk.services import surveys

    open_db(db_path)
    result = surveys.nps_for(args.start, args.end)
    if result.score is None:
        print(t("practices.nps.none", start=args.start, end=args.end))
        return 0
    print(t("practices.nps.summary", score=f"{result.score:+.0f}", n=result.responses,
            promoters=result.promoters, passives=result.passives,
            detractors=result.detractors, start=args.start, end=args.end))  # fmt: skip
    return 0


def cmd_added_value(args: argparse.Namespace, db_path: Path) -> int:
    """issue #14: the A+ offers shown, made into follow-ups and taken up, per kind."""
    from dealerdesk.i18n import fmt_int, t
    from dealerdesk.i18n.words import label_of
    from dealerdesk.services import added_value
    from dealerdesk.vocab.accounts import AddedValueKind

    open_db(db_path)
    rows = added_value.uptake(args.customer)
    header = tuple(t(f"cli.av.{k}") for k in ("offer", "shown", "made", "taken_up", "rate"))
    table = [(label_of(AddedValueKind, u.kind), fmt_int(u.shown), fmt_int(u.made),
              fmt_int(u.taken_up), f"{u.taken_up / u.shown:.0%}" if u.shown else "–")
             for u in rows]  # fmt: skip
    emit(args.format, header, table)
    return 0


def cmd_metrics(args: argparse.Namespace, db_path: Path) -> int:
    from dealerdesk.services import dashboard, dashboard_text

    open_db(db_path)
    start, end = period_of(args)
    period = dashboard.Period(start, end)
    board = dashboard.dashboard(period, dashboard.comparison(period, args.compare),
                                now=datetime.combine(end, datetime.max.time()).replace(microsecond=0))  # fmt: skip
    header = tuple(i18n.t(f"dash.col.{k}") for k in ("figure", "period", "compare", "change"))
    print(f"{start.isoformat()}..{end.isoformat()} / {board.compare.first.isoformat()}.."
          f"{board.compare.last.isoformat()}", file=sys.stderr)  # fmt: skip
    emit(args.format, header, dashboard_text.figure_rows(board, growth_target=args.growth / 100))
    return 0
