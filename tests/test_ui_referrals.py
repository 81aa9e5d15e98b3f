"""The Referrals screen (issue #14) end to end through the real widgets: a new customer
"referred by" someone found by a fragment; the referral list with its statuses, the
reward and lost/reopen, the top referrers; the referrer's page shows whom they brought."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from test_ui_complaints import drive
from test_ui_customers import TODAY, ctx, seed, type_text, wait_idle  # noqa: F401

from dealerdesk.services import customers, referrals
from dealerdesk.ui.action_dialogs import NewCustomerDialog, run_form
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.customer_detail import CustomerDetail
from dealerdesk.ui.i18n import fmt_date
from dealerdesk.ui.referrals_view import ReferralsView


def shown(qtbot: Any, ctx: DeskContext, widget: Any) -> Any:  # noqa: F811
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    wait_idle(qtbot, ctx)
    return widget


def test_new_customer_referred_by_a_customer_found_by_pinyin_initials(
    db_path: Path, ctx: DeskContext, qtbot: Any, dialogs: Any  # noqa: F811
) -> None:  # fmt: skip
    ids = seed().ids
    seen: dict[str, Any] = {}

    def fill(dialog: NewCustomerDialog) -> None:
        type_text(qtbot, dialog.edits["name"], "Lucy Wang")
        type_text(qtbot, dialog.edits["phone"], "13566667777")
        type_text(qtbot, dialog.referrer.search, "wf")  # 王芳
        with qtbot.waitSignal(dialog.referrer.searched, timeout=5000):
            pass
        seen["results"] = [dialog.referrer.results.item(i).text()
                           for i in range(dialog.referrer.results.count())]  # fmt: skip
        qtbot.keyClick(dialog.referrer.search, Qt.Key.Key_Return)  # picks, does not save
        seen["open_after_enter"] = dialog.isVisible()
        seen["chosen"] = dialog.referrer.chosen_label.text()
        seen["source"] = dialog.source.currentData()
        qtbot.keyClick(dialog.edits["name"], Qt.Key.Key_Return)  # now Enter saves
        qtbot.waitUntil(lambda: not dialog.pending and dialog.change is not None)
        seen["new_id"] = dialog.change.new_id  # type: ignore[union-attr]

    dialogs.answer(drive(qtbot, fill))
    run_form(NewCustomerDialog(ctx))
    wait_idle(qtbot, ctx)
    assert seen["results"][0].startswith("王芳")
    assert seen["open_after_enter"] and seen["chosen"].startswith("✓ 王芳")
    assert seen["source"] == "referral"
    [row] = referrals.brought_by(ids["王芳"])
    assert (row.referred_id, row.referred_name, row.status) == (seen["new_id"], "Lucy Wang",
                                                                "referred")  # fmt: skip
    assert customers.get_customer(seen["new_id"]).source == "referral"


def test_referral_list_reward_lost_reopen_and_top_referrers(
    db_path: Path, ctx: DeskContext, qtbot: Any, dialogs: Any, qtmodeltester: Any  # noqa: F811
) -> None:  # fmt: skip
    ids = seed().ids
    # 王芳 brought 李娜 (who then bought a car) and 赵磊 (not yet in); 张伟 brought 欧阳娜娜
    referrals.add_referral(ids["王芳"], ids["李娜"], on=date(2026, 9, 1))
    referrals.add_referral(ids["王芳"], ids["赵磊"], on=date(2026, 9, 2))
    referrals.add_referral(ids["张伟"], ids["欧阳娜娜"], on=date(2026, 9, 3))
    customers.add_visit(ids["李娜"], {"date": date(2026, 10, 5), "kind": "sale", "amount": 1},
                        today=TODAY)  # fmt: skip
    view = shown(qtbot, ctx, ReferralsView(ctx))
    qtmodeltester.check(view.model)
    table = [[view.model.index(r, c).data() for c in (1, 2, 3, 4)]
             for r in range(view.model.rowCount())]  # fmt: skip
    assert table == [["张伟", "欧阳娜娜", "Referred", ""], ["王芳", "赵磊", "Referred", ""],
                     ["王芳", "李娜", "Bought", fmt_date(date(2026, 10, 5))]]  # fmt: skip
    assert [view.top.index(r, 0).data() for r in range(view.top.rowCount())] == ["王芳", "张伟"]
    assert view.top.index(0, 1).data() == "2" and view.top.index(0, 2).data() == "1"
    assert "3 referrals" in view.summary.text() and "Bought 1" in view.summary.text()
    view.table.selectRow(0)  # referred: no reward yet
    assert not view.buttons["reward"].isEnabled() and view.buttons["lost"].isEnabled()

    def give(dialog: Any) -> None:
        type_text(qtbot, dialog.reward, "fuel card")
        dialog.amount.setValue(300)
        dialog.on.setText("2026-10-20")
        dialog.accept()

    view.table.selectRow(2)
    assert view.buttons["reward"].isEnabled()
    dialogs.answer(drive(qtbot, give))
    view.buttons["reward"].click()
    wait_idle(qtbot, ctx)
    row = view.model.row_of(referrals.brought_by(ids["王芳"])[-1].id)
    assert [view.model.index(row, c).data() for c in (3, 5, 6)] == [
        "Rewarded",
        "fuel card · ¥300.00",
        fmt_date(date(2026, 10, 20)),
    ]
    view.table.selectRow(row)
    assert not any(view.buttons[k].isEnabled() for k in ("reward", "lost", "reopen"))

    view.table.selectRow(1)  # 赵磊: never came
    dialogs.answer(True)  # "Mark the referral of 赵磊 as lost?"
    view.buttons["lost"].click()
    wait_idle(qtbot, ctx)
    assert view.model.index(1, 3).data() == "Lost" and view.buttons["reopen"].isEnabled()
    view.buttons["reopen"].click()
    wait_idle(qtbot, ctx)
    assert view.model.index(1, 3).data() == "Referred"
    view.status.setCurrentIndex(view.status.findData("rewarded"))  # the filter
    wait_idle(qtbot, ctx)
    assert view.model.rowCount() == 1 and view.model.index(0, 2).data() == "李娜"
    with qtbot.waitSignal(ctx.hub.open_customer) as opened:
        view.table.selectRow(0)
        view.buttons["referrer"].click()
    assert opened.args == [ids["王芳"]]


def test_the_referrers_page_shows_whom_they_brought(
    db_path: Path, ctx: DeskContext, qtbot: Any  # noqa: F811
) -> None:  # fmt: skip
    ids = seed().ids
    referrals.add_referral(ids["王芳"], ids["李娜"], on=date(2026, 9, 1))
    detail = shown(qtbot, ctx, CustomerDetail(ctx))
    detail.load(ids["王芳"])
    wait_idle(qtbot, ctx)
    tab = detail.tabs.indexOf(detail.referrals)
    assert detail.tabs.tabText(tab).replace("&", "") == "Referrals (1)"
    assert detail.referrals.model.index(0, 2).data() == "李娜"
    assert detail.referrals.note.text() == "Brought 1; 0 came"
    customers.add_visit(ids["李娜"], {"date": date(2026, 10, 5), "kind": "service", "amount": 1},
                        today=TODAY)  # fmt: skip
    detail.referrals.load(ids["王芳"])
    wait_idle(qtbot, ctx)
    assert detail.referrals.model.index(0, 3).data() == "Serviced"
    detail.load(ids["李娜"])
    wait_idle(qtbot, ctx)
    assert detail.referrals.note.text() == "Has not referred anyone yet."
