"""``dealerdesk report``: the PDFs (at-risk, agenda, partner statement, retention)."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from dealerdesk import i18n
from dealerdesk.cli.session import open_db, period_of, today_of


def cmd_report(args: argparse.Namespace, db_path: Path) -> int:
    from dealerdesk.services import reports

    open_db(db_path)
    out = reports.check_pdf_path(Path(args.out))
    if args.report == "partner":  # issue #14
        return report_partner(args, out)
    if args.report == "retention":  # issue #15
        start, end = period_of(args)
        result = reports.make_retention_pdf(
            out, first=start, last=end, compare=args.compare,
            now=datetime.combine(end, datetime.max.time()).replace(microsecond=0))  # fmt: skip
        print(i18n.t("dash.cli.wrote", path=result.path, pages=result.pages))
        return 0
    if args.report == "at-risk":
        result = reports.make_at_risk_pdf(
            out,
            today=today_of(args),
            top=args.top,
            mask_phones=not args.full_phones,  # issue #11
        )
    else:
        result = reports.make_agenda_pdf(
            out, today=today_of(args), days=args.days, mask_phones=args.mask_phones
        )
    print(f"wrote {result.path} ({result.pages} pages)")
    return 0


def report_partner(args: argparse.Namespace, out: Path) -> int:
    from dealerdesk.i18n import fmt_money, t
    from dealerdesk.services import partners

    end = args.end or today_of(args)
    start = args.start or end.replace(day=1)
    partner = partners.find_partner(args.partner)
    result = partners.make_statement_pdf(out, partner_id=partner.id, start=start, end=end,
                                         today=today_of(args), mask_phones=not args.full_phones)  # fmt: skip
    s = result.statement
    print(t("cli.partner.wrote", path=result.path, pages=result.pages, sent_us=len(s.sent_us),
            from_amount=fmt_money(s.from_total, decimals=2), we_sent=len(s.we_sent),
            to_amount=fmt_money(s.to_total, decimals=2)))  # fmt: skip
    return 0
