"""The Win-back and Campaigns screens end to end: record why a customer left and see the
breakdown; mark one won back; build a campaign audience, see the exclusions, create the
invitations and record results."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt
from test_ui_complaints import drive
from test_ui_customers import TODAY, ctx, seed, wait_idle  # noqa: F401

from dealerdesk.services import customers, followups
from dealerdesk.store.models import Customer, Followup, Visit
from dealerdesk.ui.campaigns_view import CampaignsView
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.winback_view import WinbackView
from dealerdesk.vocab.campaigns import Exclusion


def shown(qtbot: Any, ctx: DeskContext, widget: Any) -> Any:  # noqa: F811
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    wait_idle(qtbot, ctx)
    return widget


def test_record_a_reason_see_the_breakdown_and_win_back(
    db_path: Path,
    ctx: DeskContext,  # noqa: F811
    qtbot: Any,
    dialogs: Any,
    qtmodeltester: Any,
) -> None:
    ids = seed().ids
    followups.ensure_cadence_rules()
    # 张伟 left last month (no reason yet); 李娜 has not been in for two years (lapsed)
    customers.mark_lost(ids["张伟"], reason="没说", on=date(2026, 10, 30), today=TODAY)
    Visit.create(customer=ids["李娜"], date=date(2024, 9, 1), kind="service")
    recent = [n for n in ids if n not in ("张伟", "李娜")]
    for name in recent:
        Visit.create(customer=ids[name], date=date(2026, 9, 1), kind="service")
    Customer.update(created_at=datetime(2024, 1, 1)).execute()
    view = shown(qtbot, ctx, WinbackView(ctx))
    qtmodeltester.check(view.model)
    names = [view.model.item_at(r).row.name for r in range(view.model.rowCount())]  # type: ignore[union-attr]
    assert names == ["张伟", "李娜"]  # lost first, then lapsed
    assert view.model.index(1, 1).data() == "Lapsed"
    assert view.model.index(0, 4).data() == "Try 1 of 4"
    assert view.reasons.rowCount() == 1  # one left this year, reason not recorded
    assert view.reasons.index(0, 0).data() == "No reason recorded"

    def why(dialog: Any) -> None:
        dialog.reason.setCurrentIndex(dialog.reason.findData("other_brand"))
        dialog.text.setText("买了特斯拉")
        dialog.accept()

    view.table.selectRow(0)
    dialogs.answer(drive(qtbot, why))
    view.buttons["reason"].click()
    wait_idle(qtbot, ctx)
    assert view.model.index(0, 3).data() == "Bought another brand — 买了特斯拉"
    assert [(view.reasons.index(r, 0).data(), view.reasons.index(r, 1).data())
            for r in range(view.reasons.rowCount())] == [("Bought another brand", "1")]  # fmt: skip
    assert "1 customer left" in view.reasons_total.text()
    assert view.nps_label.text() == "NPS in this period: no answers"
    from dealerdesk.services import surveys

    surveys.record_survey(ids["王芳"], {"satisfaction": 4, "initiative": 4, "recommend": 10,
                                       "date": date(2026, 11, 2)}, today=TODAY)  # fmt: skip
    view.refresh_reasons()
    wait_idle(qtbot, ctx)
    assert "<b>+100</b> (1 answers: 1 promoters, 0 detractors)" in view.nps_label.text()
    # a period that does not hold the departure shows nothing
    view.start.setDate(QDate(2026, 11, 1))
    wait_idle(qtbot, ctx)
    assert view.reasons.rowCount() == 0
    view.show_filter.setCurrentIndex(view.show_filter.findData("lapsed"))
    assert view.model.rowCount() == 1 and view.model.item_at(0).row.name == "李娜"  # type: ignore[union-attr]

    def back(dialog: Any) -> None:
        dialog.on.setText("2026-11-20")
        dialog.accept()

    dialogs.answer(drive(qtbot, back))
    view.buttons["won_back"].click()
    wait_idle(qtbot, ctx)
    record = Customer.get_by_id(ids["李娜"])
    assert (record.status, record.won_back_on) == ("active", date(2026, 11, 20))
    assert view.model.rowCount() == 0


def test_last_try_is_marked(db_path: Path, ctx: DeskContext, qtbot: Any) -> None:  # noqa: F811
    ids = seed().ids
    followups.ensure_cadence_rules()
    customers.mark_lost(ids["赵磊"], reason="moved", on=date(2026, 6, 1), today=TODAY)
    for n in range(3):
        Followup.create(customer=ids["赵磊"], kind="winback", rule="winback",
                        source_key=f"t:{n}", due=date(2026, 7 + n, 1), status="done")  # fmt: skip
    view = shown(qtbot, ctx, WinbackView(ctx))
    row = next(r for r in range(view.model.rowCount())
               if view.model.item_at(r).row.name == "赵磊")  # type: ignore[union-attr]  # fmt: skip
    cell = view.model.index(row, 4)
    assert cell.data() == "LAST try (4 of 4): tell them this is our last call"
    assert cell.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert (
        "on their last try" in view.summary.text() and "1 on their last try" in view.summary.text()
    )


def test_build_an_audience_see_exclusions_create_and_record_results(
    db_path: Path,
    ctx: DeskContext,  # noqa: F811
    qtbot: Any,
    qtmodeltester: Any,
) -> None:
    ids = seed().ids  # 王芳 and Emma Wilson own a 2021 Lavida (5 years old)
    followups.ensure_cadence_rules()
    customers.set_consent(ids["Emma Wilson"], channel="phone", purpose="marketing",
                          granted=False, source="asked us", today=TODAY)  # fmt: skip
    customers.set_consent(ids["Emma Wilson"], channel="sms", purpose="marketing",
                          granted=False, source="asked us", today=TODAY)  # fmt: skip
    view = shown(qtbot, ctx, CampaignsView(ctx))
    assert view.model.rowCount() == 0
    view.tabs.setCurrentIndex(1)
    b = view.builder
    b.name.setText("老车主置换季")
    b.makes.setText("SAIC Volkswagen")
    b.min_age.setValue(4)
    b.max_age.setValue(6)
    b.preview_button.click()
    wait_idle(qtbot, ctx)
    assert "<b>2</b> match · <b>1</b> invited · <b>1</b> left out" in b.summary.text()
    assert b.counts() == {Exclusion.NO_CONSENT: 1}
    assert (b.excluded.index(0, 0).data(), b.excluded.index(0, 1).data()) == (
        "Emma Wilson", "No consent for marketing on any channel")  # fmt: skip
    start = b.starts.date().toPython()
    assert b.sample.text().startswith("王芳您好！您的SAIC Volkswagen Lavida（粤B ZW789）")
    assert f"{start.year}年{start.month}月{start.day}日" in b.sample.text()
    # changing the audience makes the preview stale: no creating from an old count
    b.max_age.setValue(3)
    assert not b.create_button.isEnabled()
    b.preview_button.click()
    wait_idle(qtbot, ctx)
    assert "<b>0</b> match" in b.summary.text() and not b.create_button.isEnabled()
    b.max_age.setValue(6)
    b.language.setCurrentIndex(b.language.findData("en"))
    assert b.template.toPlainText().startswith("Dear {name}")
    b.preview_button.click()
    wait_idle(qtbot, ctx)
    b.create_button.click()
    wait_idle(qtbot, ctx)
    assert view.tabs.currentIndex() == 0 and view.model.rowCount() == 1
    qtmodeltester.check(view.model)
    assert [view.model.index(0, c).data() for c in (0, 3, 5, 7)] == ["老车主置换季", "1", "0", "0%"]
    invite = Followup.get(Followup.customer == ids["王芳"], Followup.kind == "campaign")
    assert invite.campaign_id == view.model.item_at(0).id  # type: ignore[union-attr]
    assert view.members.rowCount() == 1
    assert (
        view.members.index(0, 6).data().startswith("Dear 王芳, owners of a SAIC Volkswagen Lavida")
    )
    view.members_view.selectRow(0)
    view.result_buttons["accepted"].click()
    wait_idle(qtbot, ctx)
    assert [view.model.index(0, c).data() for c in (4, 5, 6, 7)] == ["1", "1", "0", "100%"]
    assert view.members.index(0, 4).data() == "✓"
    view.result_buttons["visited"].click()
    wait_idle(qtbot, ctx)
    assert view.model.index(0, 6).data() == "1"
    from PySide6.QtWidgets import QApplication

    view.copy_button.click()
    pasted = QApplication.clipboard().text().split("\t")
    assert pasted[0] == "王芳" and pasted[2].startswith("Dear 王芳")


def test_the_survey_follows_a_completed_call(
    db_path: Path,
    ctx: DeskContext,  # noqa: F811
    qtbot: Any,
    dialogs: Any,
) -> None:
    from followup_support import add_followup, clear_generated_followups
    from PySide6.QtWidgets import QWidget

    from dealerdesk.services import surveys
    from dealerdesk.ui.followup_dialogs import FollowupActions

    ids = seed().ids
    clear_generated_followups()
    add_followup(ids["王芳"], TODAY)
    (row,) = followups.due_followups(today=TODAY)
    host = QWidget()
    qtbot.addWidget(host)
    actions = FollowupActions(ctx, host)

    def reached(dialog: Any) -> bool:
        assert not dialog.survey.isEnabled()  # only once the customer was reached
        dialog.set_outcome("reached")
        dialog.survey.setChecked(True)
        return True

    def answer(dialog: Any) -> None:
        for key, value in (("satisfaction", 5), ("initiative", 4), ("repurchase", 5),
                           ("recommend", 9), ("resistance", 3)):  # fmt: skip
            dialog.scores[key].setValue(value)
        qtbot.keyClick(dialog.comment, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    dialogs.answer(reached, drive(qtbot, answer))
    assert actions.complete(row)
    wait_idle(qtbot, ctx)
    assert [s for s, _t, _x in dialogs.seen] == ["modal", "modal"]
    assert [t for _s, t, _x in dialogs.seen] == ["complete_followup", "record_survey"]
    trend = surveys.customer_trend(ids["王芳"])
    assert [p.index for p in trend.points] == [83]  # (1 + .75 + 1 + .9 + .5) / 5 = .83
