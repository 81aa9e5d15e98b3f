"""Render every screen of DealerDesk offscreen on the demo dealership, as PNGs for the README.

    python scripts/screenshots.py [--lang en|zh_CN] [--db PATH] [--out DIR] [--customers 2000]
    python scripts/screenshots.py --lang zh_CN --check --customers 300   # no PNGs: checks

``--lang zh_CN`` writes the Chinese set to docs/screenshots/zh_CN. Every window and
dialog taken is also checked for Alt-letter clashes (ui/mnemonics.py); ``--check`` only
checks, and exits 1 listing the clashes (tests/test_ui_mnemonics.py runs it).

Creates the demo database first if PATH does not exist (``create_demo``, seed 7, the
fixed day below so the pictures do not change from one run to the next). Each screen is
shown in a 1280×800 window and taken with ``QWidget.grab``; dialogs are grabbed on
their own. Chinese needs a CJK font on the machine (fonts-wqy-microhei on Debian).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 23)
SIZE = (1280, 800)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--db", default="/tmp/dealerdesk-screenshots.db")
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    ap.add_argument("--customers", type=int, default=2000)
    ap.add_argument("--lang", choices=("en", "zh_CN"), default="en")
    ap.add_argument("--check", action="store_true", help="check Alt letters, save no PNGs")
    args = ap.parse_args()
    db_path = Path(args.db)
    out = Path(args.out)
    if args.lang != "en" and args.out == str(ROOT / "docs" / "screenshots"):
        out = out / args.lang
    out.mkdir(parents=True, exist_ok=True)

    from dealerdesk.store import db, open_database

    if args.lang != "en" and args.db == ap.get_default("db"):
        db_path = db_path.with_name(f"{db_path.stem}-{args.lang}{db_path.suffix}")
    from dealerdesk import i18n

    i18n.set_language(args.lang)  # the demo's follow-up reasons are written in this language
    if not db_path.exists():
        from dealerdesk.services.demo import create_demo

        print(f"creating the demo dealership in {db_path}…", file=sys.stderr)
        create_demo(db_path, customers=args.customers, seed=7, today=TODAY)
        db.close()

    from PySide6.QtCore import QEventLoop, QSettings
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from dealerdesk.ui import language, mnemonics

    language.apply_language(args.lang)
    open_database(db_path)
    clashes: list[str] = []

    from dealerdesk.services import customers, scoring, settings
    from dealerdesk.ui.action_dialogs import LogContactDialog, NewCustomerDialog
    from dealerdesk.ui.context import DeskContext
    from dealerdesk.ui.hub import ChangeHub
    from dealerdesk.ui.main_window import MainWindow
    from dealerdesk.ui.worker import Worker

    worker = Worker(on_thread_exit=db.close)
    ctx = DeskContext(db_path=db_path, worker=worker, hub=ChangeHub(), clock=lambda: TODAY,
                      dealership=settings.dealership_name())  # fmt: skip
    ini = Path("/tmp/dealerdesk-screenshots-window.ini")
    ini.unlink(missing_ok=True)
    window = MainWindow(ctx, settings=QSettings(str(ini), QSettings.Format.IniFormat))
    window.resize(*SIZE)
    window.show()

    def settle() -> None:
        """Let every worker job land and the window repaint."""
        end = time.perf_counter() + 120
        while worker.pending and time.perf_counter() < end:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        for _ in range(3):
            app.processEvents()

    def shot(name: str, widget: QWidget, before: Callable[[], object] | None = None) -> None:
        if before is not None:
            before()
        settle()
        clashes.extend(f"{name}: {c}" for c in mnemonics.collisions(widget))
        if args.check:
            return
        path = out / f"{name}.png"
        widget.grab().save(str(path))
        print(path)

    settle()
    shot("01-today", window, lambda: window.show_screen("today"))
    shot("02-customers", window, lambda: window.show_screen("customers"))

    def search(text: str) -> None:
        window.customers.search.setText(text)
        window.customers.apply_filter()

    shot("03-customers-search-pinyin", window, lambda: search("zw"))
    search("")
    settle()

    top = scoring.top_at_risk(today=TODAY, limit=40)
    chosen = next((r for r in top if not r.name.isascii()
                   and customers.get_customer(r.customer_id).vehicles), top[0])  # fmt: skip
    shot("04-customer-detail", window, lambda: window.open_customer(chosen.customer_id))
    shot("05-customer-vehicles", window, lambda: window.detail.tabs.setCurrentIndex(1))
    window.detail.tabs.setCurrentIndex(0)

    record = customers.get_customer(chosen.customer_id)
    dialog = LogContactDialog(ctx, record.id, record.name,
                              preferred_channel=record.preferred_channel, parent=window)  # fmt: skip
    dialog.pick("reached")
    dialog.notes.setText("客户下周来做保养")
    dialog.show()
    shot("06-log-contact", dialog)
    dialog.close()

    def bad_phone() -> None:
        edit = window.detail.form.edits["phone"]
        edit.setText("1391234")
        edit.textEdited.emit(edit.text())
        window.detail.save()

    shot("07-validation-beside-field", window, bad_phone)
    window.detail.form.revert()

    new = NewCustomerDialog(ctx, parent=window)
    new.edits["name"].setText("林晓梅")
    taken = customers.get_customer(top[1].customer_id).phone
    new.edits["phone"].setText(customers.display_phone(taken))
    new.show()
    new.accept()  # refused: the demo already has that number
    shot("08-new-customer", new)
    new.close()

    shot("09-calendar", window, lambda: window.show_screen("calendar"))
    desk_day_shots(ctx, window, shot)
    practices(window, ctx, shot, settle)
    referral_shots(window, ctx, shot, settle)  # issue #14
    shot("10-reports", window, lambda: window.show_screen("reports"))
    first_run_shots(shot, args.lang)

    # The at-risk PDF is written on the worker behind a progress dialog; catch it running.
    window.reports.open_file = lambda _path: True  # no PDF viewer in a screenshot run
    window.reports.make_at_risk(Path("/tmp/dealerdesk-screenshot-at-risk.pdf"))
    progress = window.reports.progress
    if progress is not None and not args.check:
        for _ in range(3):
            app.processEvents()
        progress.grab().save(str(out / "11-report-progress.png"))
        print(out / "11-report-progress.png")
    settle()

    data_screens(window, settle, shot, out)
    safety_shots(window, ctx, shot)
    __import__("screenshot_accounts").accounts_shots(window, shot, settle, TODAY)  # issue #14
    dashboard_shots(window, shot, settle)  # issue #15
    from screens_aftersales import aftersales_shots  # issue #16: 50–54

    aftersales_shots(window, ctx, shot)

    window._closing_ok = True  # the screenshots edit nothing that needs saving
    window.close()
    worker.shutdown()
    if not args.check:
        report_pages(out)
        statement_page(out)  # issue #14
    db.close()
    for clash in clashes:
        print("Alt-letter clash:", clash, file=sys.stderr)
    return 1 if clashes else 0


def desk_day_shots(ctx: object, window: object, shot: Callable[..., None]) -> None:
    """issue #7: Today's list later on, a greeting batch (one list per occasion and
    channel) and the one-time catch-up list."""
    from dealerdesk.services import desk_day
    from dealerdesk.ui.day_dialogs import BatchDialog, CatchUpDialog

    today_view = window.today  # type: ignore[attr-defined]
    window.show_screen("today")  # type: ignore[attr-defined]
    shot("14-today-later", window, lambda: today_view.later_button.setChecked(True))
    today_view.later_button.setChecked(False)
    plan = desk_day.day_plan(today=TODAY)
    batches = [t for t in plan.tasks if isinstance(t, desk_day.BatchTask)]
    batch = max(batches, key=lambda b: b.count) if batches else None
    if batch is None:
        print("no greeting batch due on the demo day: 15-greeting-batch skipped")
    else:
        dialog = BatchDialog(ctx, batch, parent=window)  # type: ignore[arg-type]
        dialog.resize(640, 460)
        dialog.show()
        shot("15-greeting-batch", dialog)
        dialog.close()
    review = CatchUpDialog(ctx, None, parent=window)  # type: ignore[arg-type]
    review.resize(1000, 520)
    review.show()
    shot("16-catch-up-list", review)
    review.close()


def practices(window: Any, ctx: Any, shot: Callable[..., None], settle: Callable[[], None]) -> None:
    """The Complaints, Win-back and Campaigns screens, and the complaint dialog."""
    from dealerdesk.services import campaigns, customers

    window.show_screen("complaints")
    settle()
    window.complaints.table.selectRow(0)
    shot("30-complaints", window)
    top = window.complaints.model.item_at(0)
    record = customers.get_customer(top.row.customer_id)
    from dealerdesk.ui.complaint_dialogs import ComplaintDialog

    dialog = ComplaintDialog(ctx, record.id, record.name, vehicles=record.vehicles, parent=window)
    dialog.description.setPlainText(
        "保养后发动机有异响，第二次来店仍未解决。\n客户很着急，希望本周内处理。"
    )
    dialog.severity.setCurrentIndex(dialog.severity.findData("high"))
    dialog.show()
    shot("31-complaint-dialog", dialog)
    dialog.close()
    from dealerdesk.services import winback

    lost = [i for i in winback.winback_list(today=TODAY) if not i.lapsed]
    if lost and not any(i.row.lost_category for i in lost):
        # The demo's lost customers gave their reason in words only: code them from
        # those words, as the win-back calls would, so the breakdown has something to show.
        words = {
            "搬家": "moved_away",
            "出售": "sold_car",
            "维修": "service_quality",
            "competitor": "distance",
            "价格": "price",
            "贵": "price",
        }
        for item in lost:
            code = next((c for w, c in words.items() if w in item.row.lost_reason), "other")
            winback.record_reason(
                item.row.customer_id,
                category=code,
                text=item.row.lost_reason,
                on=item.row.lost_on or TODAY,
                today=TODAY,
            )
        window.winback.refresh()
    shot("32-winback", window, lambda: window.show_screen("winback"))
    window.show_screen("campaigns")
    b = window.campaigns.builder
    window.campaigns.tabs.setCurrentIndex(1)
    if not any(r.name == "老车主置换季" for r in campaigns.list_campaigns()):
        b.name.setText("老车主置换季")
        b.min_age.setValue(4)
        b.max_age.setValue(6)
        b.preview()
        shot("33-campaign-audience", window)
        b.create()
        settle()
        rows = window.campaigns.members
        for i in range(min(6, rows.rowCount())):
            window.campaigns.members_view.selectRow(i)
            window.campaigns.record("accepted" if i % 3 else "visited")
            settle()
    window.campaigns.tabs.setCurrentIndex(0)
    settle()
    names = [
        window.campaigns.model.item_at(r).name for r in range(window.campaigns.model.rowCount())
    ]
    if "老车主置换季" in names:
        window.campaigns.table.selectRow(names.index("老车主置换季"))
    shot("34-campaigns", window)


def first_run_shots(shot: Callable[..., None], lang: str) -> None:
    """issue #12: the three pages of the first-run setup."""
    from dealerdesk.ui.first_run import FirstRunWizard

    wizard = FirstRunWizard(Path("/home/desk/.local/share/DealerDesk/dealerdesk.db"),
                            language=lang, demo_customers=2000)  # fmt: skip
    wizard.resize(720, 520)
    wizard.show()
    wizard.dealership.name.setText("鑫源汽车 Xinyuan Motors")
    shot("45-setup-dealership", wizard)
    wizard.next()
    for row, (name, role) in enumerate((("陈经理", "manager"), ("李娜", "desk"),
                                        ("Emily Zhou", "desk"))):  # fmt: skip
        wizard.staff_page.set_row(row, name, role=role)
    shot("46-setup-staff", wizard)
    wizard.next()
    shot("47-setup-start", wizard)
    wizard.close()


def import_file(path: Path) -> Path:
    """A small GBK file as Chinese Excel saves it: three new customers, and three that are
    the demo's own customers typed again with one digit of the phone wrong (duplicates)."""
    import csv
    import io

    from dealerdesk.services import customers
    from dealerdesk.store.validation import vin_check_digit

    def vin(n: int) -> str:
        body = f"LFVSC21X0PA{n:06d}"
        return body[:8] + vin_check_digit(body) + body[9:]

    rows = [["客户名称", "手机号码", "车牌号", "车架号", "品牌", "车型", "购车日期", "保养日期", "保养金额"],
            ["周晓彤", "139 2233 4455", "粤B7Q123", vin(901), "比亚迪", "汉", "2024/3/5", "2025年3月8日", "680"],
            ["Kevin Ho", "+86 138-2233-4456", "粤B9X777", vin(902), "丰田", "凯美瑞", "2023.11.20", "", ""],
            ["黄丽珍", "137 2233 4457", "", "", "", "", "", "", ""]]  # fmt: skip
    # the demo's own customers (ids 1…n, not any imported earlier), the same ones every run
    ids = sorted(customers.search_customer_ids(customers.CustomerFilter()))[200:260:20]
    for i, row in enumerate(customers.customer_rows(ids)):
        digits = customers.display_phone(row.phone).replace(" ", "")
        if digits.isdigit() and len(digits) == 11:
            twin = digits[:-1] + str((int(digits[-1]) + 1) % 10)
            rows.append([row.name, twin, "", vin(910 + i), "大众", "朗逸", "2022-06-01", "", ""])
    buf = io.StringIO(newline="")
    csv.writer(buf, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buf.getvalue().encode("gbk"))
    return path


def data_screens(window: Any, settle: Callable[[], None], shot: Any, out: Path) -> None:
    """The import wizard (mapping, preview with errors, done) and the Duplicates screen."""
    src = import_file(Path("/tmp/dealerdesk-screenshot-import.csv"))
    wizard = window.data.open_import()
    wizard.resize(1000, 620)
    wizard.set_path(src)
    wizard.next()
    settle()
    shot("20-import-mapping", wizard)
    wizard.next()
    settle()
    shot("21-import-preview", wizard)
    if wizard.next_button.isEnabled():
        wizard.next()
        settle()
        shot("22-import-done", wizard)
    wizard.close()
    bad = window.data.open_import()
    bad.resize(1000, 620)
    bad.set_path(ROOT / "tests" / "data" / "imports" / "bad_rows.csv")
    bad.next()
    settle()
    bad.next()
    settle()
    shot("23-import-errors", bad)
    bad.close()
    window.show_screen("duplicates")
    settle()
    shot("24-duplicates", window)


def safety_shots(window: Any, ctx: Any, shot: Callable[..., None]) -> None:
    """issue #11: the Settings screen's five tabs and the sign-in dialog."""
    from datetime import datetime

    from dealerdesk.services import auth, backups, customers, followups
    from dealerdesk.ui.sign_in import SignInDialog

    backups.backup_now(ctx.db_path, now=datetime(2026, 11, 22, 18, 5))
    owner = auth.open_without_sign_in()  # a few audited changes for the Audit tab
    staff = owner.staff_id if owner else None
    for cid in (1, 2, 3):
        customers.log_contact(cid, now=datetime(2026, 11, 23, 9, 10 + cid), channel="phone",
                              outcome="reached", notes="已约周六保养", staff_id=staff)  # fmt: skip
    followups.update_cadence_rule(key="touch", offset_days=30)
    view = window.settings_view
    for i, name in enumerate(("general", "staff", "rules", "backups", "audit")):
        shot(f"40-settings-{i + 1}-{name}", window,
             lambda i=i: (window.show_screen("settings"), view.tabs.setCurrentIndex(i)))  # fmt: skip
    view.tabs.setCurrentIndex(0)
    dialog = SignInDialog(ctx.dealership, parent=window)
    dialog.user.setText("lina")
    dialog.password.setText("not-her-password")
    dialog.try_sign_in()  # refused: the demo's staff have no passwords yet
    dialog.show()
    shot("44-sign-in", dialog)
    dialog.close()


def dashboard_shots(window: Any, shot: Callable[..., None], settle: Callable[[], None]) -> None:
    """issue #15: the dashboard (figures, charts, staff) and the customers behind a bar."""
    from PySide6.QtWidgets import QScrollArea

    from dealerdesk.ui import dialogs

    view = window.dashboard
    scroll = view.findChild(QScrollArea)
    bar = scroll.verticalScrollBar()
    shot("60-dashboard", window, lambda: (window.show_screen("dashboard"), bar.setValue(0)))
    shot("61-dashboard-charts", window, lambda: bar.setValue(view.panels["by_age"].y() - 8))
    shot("62-dashboard-staff", window, lambda: bar.setValue(bar.maximum()))
    bar.setValue(0)

    def grab(_kind: str, _title: str, _text: str) -> object:
        def look(dialog: Any) -> bool:
            dialog.show()
            shot("63-dashboard-drill", dialog)
            dialog.close()
            return False

        return look

    dialogs.set_responder(grab)
    board = view.board
    if board is not None and board.months:
        view._bar_clicked("months", len(board.months) - 2, 0)  # last full month's churned
        settle()
    dialogs.set_responder(None)


def report_pages(out: Path) -> None:
    """Page 1 of each PDF report, rasterised with poppler's pdftoppm, for the README."""
    import shutil
    import subprocess
    import tempfile
    from datetime import datetime

    from dealerdesk.services import reports

    def retention(pdf: Path) -> object:  # issue #15: the monthly meeting's summary
        return reports.make_retention_pdf(pdf, first=date(2025, 11, 24), last=TODAY,
                                          now=datetime(2026, 11, 23, 18, 0))  # fmt: skip

    if shutil.which("pdftoppm") is None:
        print("pdftoppm not found (apt-get install poppler-utils): report pages skipped")
        return
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in (
            ("12-report-at-risk", lambda p: reports.make_at_risk_pdf(p, today=TODAY, top=100)),
            ("13-report-agenda", lambda p: reports.make_agenda_pdf(p, today=TODAY)),
            ("64-report-retention", retention),
        ):
            pdf = Path(tmp) / f"{name}.pdf"
            make(pdf)
            subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1",
                            "-singlefile", str(pdf), str(out / name)], check=True)  # fmt: skip
            print(out / f"{name}.png")


def referral_shots(window: Any, ctx: Any, shot: Callable[..., None],
                   settle: Callable[[], None]) -> None:  # fmt: skip
    """issue #14: referrals with the top referrers, a referrer's page, the partners, and
    a new customer "referred by" someone found by pinyin initials."""
    from dealerdesk.services import referrals
    from dealerdesk.ui.action_dialogs import NewCustomerDialog

    window.show_screen("referrals")
    window.referrals.tabs.setCurrentIndex(0)
    settle()
    shot("70-referrals", window)
    top = referrals.list_referrals().top[0]
    window.open_customer(top.customer_id)
    settle()
    window.detail.tabs.setCurrentWidget(window.detail.referrals)
    shot("71-customer-referrals", window)
    window.show_screen("referrals")
    window.referrals.show_partners()
    settle()
    partners_view = window.referrals.partners
    partners_view.table.selectRow(1)
    shot("72-partners", window)
    new = NewCustomerDialog(ctx, window)
    new.edits["name"].setText("林晓雨")
    new.edits["phone"].setText("13922223333")
    new.show()
    new.referrer.search.setText("zw")
    new.referrer.run_search()
    settle()
    new.referrer.take_first()
    shot("73-new-customer-referred-by", new)
    new.close()


def statement_page(out: Path) -> None:
    """issue #14: page 1 of a partner's statement (Chinese names), for the README."""
    import shutil
    import subprocess
    import tempfile
    from datetime import timedelta

    from dealerdesk.services import partners

    if shutil.which("pdftoppm") is None:
        return
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "statement.pdf"
        shop = partners.find_partner("驰加")
        partners.make_statement_pdf(pdf, partner_id=shop.id, start=TODAY - timedelta(days=182),
                                    end=TODAY, today=TODAY)  # fmt: skip
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
                        str(pdf), str(out / "74-partner-statement")], check=True)  # fmt: skip
        print(out / "74-partner-statement.png")


if __name__ == "__main__":
    sys.exit(main())
