"""What every command shares: the day, the clock, the database opened as the --user."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date, datetime
from pathlib import Path

from dealerdesk import i18n
from dealerdesk.cli.parser import EARLIEST_DAY
from dealerdesk.errors import DealerDeskError

USER: str | None = None  # --user of this run


def today_of(args: argparse.Namespace) -> date:
    return args.today or date.today()


def now_of(args: argparse.Namespace) -> datetime:
    real = datetime.now().replace(microsecond=0)
    return datetime.combine(args.today, real.time()) if args.today else real


def open_db(db_path: Path, *, create: bool = False) -> None:
    from dealerdesk.store import open_database

    opened = open_database(db_path, create=create)
    from dealerdesk.services import auth  # issue #11: who this run acts for

    auth.act_as(USER, os.environ.get("DEALERDESK_PASSWORD") if USER else None)
    if opened.upgraded:
        print(f"upgraded {db_path} from schema {opened.version_before} to {opened.version}",
              file=sys.stderr)  # fmt: skip


def period_of(args: argparse.Namespace) -> tuple[date, date]:
    from dealerdesk.services import dashboard

    end = args.end or today_of(args)
    start = args.start or dashboard.default_period(end).first
    if start > end:
        raise DealerDeskError(i18n.t("safety.cli.date_range", value=start.isoformat(),
                                     low=EARLIEST_DAY.isoformat(), high=end.isoformat()))  # fmt: skip
    return start, end
