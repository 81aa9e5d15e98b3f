"""Issue #14 on real widgets: the card, company and A+ tabs of the customer page, the
Cards & fleets screen, the Card column, and calls addressed to a named person."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from test_ui_customers import TODAY, ctx, seed, type_text, view, wait_idle  # noqa: F401
from test_ui_detail import detail, drive, open_customer  # noqa: F401

from dealerdesk.services import customers, followups, key_accounts, membership
from dealerdesk.store.models import Followup, MembershipCard, Vehicle
from dealerdesk.ui.accounts_view import AccountsView
from dealerdesk.ui.agenda_model import AgendaModel
from dealerdesk.ui.context import DeskContext
from dealerdesk.ui.customer_detail import CustomerDetail
from dealerdesk.ui.customer_model import COLUMN_KEYS
from dealerdesk.ui.customers_view import CustomersView


def company_with_fleet() -> tuple[int, list[int]]:
    firm = customers.create_customer({"name": "深圳顺达物流有限公司", "kind": "company"},
                                     today=TODAY).new_id  # fmt: skip
    assert firm is not None
    cars = [Vehicle.create(customer=firm, vin=f"LFV2A21K0{n:08d}", plate=f"粤B5000{n}", make="BYD",
                           model="e6", year=2024, purchase_date=date(2024, 3, n)).id for n in (1, 2)]  # fmt: skip
    return firm, cars


def tab(detail: CustomerDetail, panel: Any) -> None:  # noqa: F811
    detail.tabs.setCurrentIndex(detail.tabs.indexOf(panel))


# -- the card tab -------------------------------------------------------------------------
def test_issue_a_card_with_a_tier_set_by_hand_then_accept_the_suggestion(
    db_path: Path,
    detail: CustomerDetail,  # noqa: F811
    qtbot: Any,
    dialogs: Any,
) -> None:
    ids = seed(score=True).ids
    panel = detail.accounts.card
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        open_customer(qtbot, detail, ids["王芳"])
    tab(detail, panel)
    assert "No membership card yet" in panel.text.text()
    assert not panel.accept_button.isEnabled()
    suggested = membership.suggested_tier(ids["王芳"])

    def fill(dialog: Any) -> None:
        assert dialog.tier.currentData() == suggested  # preset to the suggestion
        dialog.tier.setCurrentIndex(dialog.tier.findData("VIP" if suggested != "VIP" else "Gold"))
        dialog.benefits.setPlainText("免费洗车 12次/年")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    dialogs.answer(drive(qtbot, fill))
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    card = membership.card_of(ids["王芳"])
    assert card is not None and card.overridden and card.benefits == "免费洗车 12次/年"
    shown = panel.text.text()
    assert card.card_number in shown and "Tier set by hand" in shown and "differ" in shown
    assert panel.edit_button.text() == "Edit card…"
    assert panel.accept_button.isEnabled() and suggested in panel.accept_button.text()
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    card = membership.card_of(ids["王芳"])
    assert card is not None and (card.tier, card.overridden) == (suggested, False)
    assert not panel.accept_button.isEnabled() and "Tier set by hand" not in panel.text.text()
    wait_idle(qtbot, detail.ctx)  # the page's own reload after the broadcast


def test_a_taken_card_number_is_shown_beside_its_field(
    db_path: Path,
    detail: CustomerDetail,  # noqa: F811
    qtbot: Any,
    dialogs: Any,
) -> None:
    ids = seed().ids
    membership.issue_card(ids["张伟"], today=TODAY, card_number="VIP-0001")
    open_customer(qtbot, detail, ids["王芳"])
    panel = detail.accounts.card
    wait_idle(qtbot, detail.ctx)
    seen: list[str] = []

    def fill(dialog: Any) -> None:
        type_text(qtbot, dialog.number, "vip-0001")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.pending, timeout=5000)
        seen.append(dialog.errors.message("card_number"))
        dialog.reject()

    dialogs.answer(drive(qtbot, fill))
    panel.edit()
    assert "VIP-0001" in seen[0] and "already" in seen[0]
    assert MembershipCard.select().count() == 1


# -- the company tab ----------------------------------------------------------------------
def test_a_company_people_stage_and_drivers_on_its_page(
    db_path: Path,
    detail: CustomerDetail,  # noqa: F811
    qtbot: Any,
    dialogs: Any,
) -> None:
    ids = seed().ids
    firm, cars = company_with_fleet()
    panel = detail.accounts.company
    open_customer(qtbot, detail, ids["张伟"])
    assert not detail.tabs.isTabVisible(detail.tabs.indexOf(panel))  # a person: no company tab
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        open_customer(qtbot, detail, firm)
    assert detail.tabs.isTabVisible(detail.tabs.indexOf(panel))
    tab(detail, panel)
    assert panel.people.rowCount() == 0 and panel.fleet.rowCount() == 2

    def person(name: str, role: str, phone: str) -> Any:
        def fill(dialog: Any) -> None:
            type_text(qtbot, dialog.name, name)
            dialog.role.setCurrentIndex(dialog.role.findData(role))
            type_text(qtbot, dialog.phone, phone)
            qtbot.keyClick(dialog, Qt.Key.Key_Return)

        return drive(qtbot, fill)

    for name, role, phone in (("刘总", "decision_maker", "13912340001"),
                              ("王师傅", "user", "13912340002")):  # fmt: skip
        dialogs.answer(person(name, role, phone))
        with qtbot.waitSignal(panel.loaded, timeout=5000):
            qtbot.mouseClick(panel.buttons["add_person"], Qt.MouseButton.LeftButton)
    assert [panel.people.index(r, 1).data() for r in range(2)] == ["Decision maker", "User"]
    assert panel.people.index(0, 2).data() == "139 1234 0001"  # stored +8613912340001

    # the next purchase: quoting, 12 vehicles, by March
    panel.stage.setCurrentIndex(panel.stage.findData("quoting"))
    type_text(qtbot, panel.expected, "2027-02-30")
    qtbot.mouseClick(panel.buttons["save_stage"], Qt.MouseButton.LeftButton)
    assert "not a date" in panel.stage_error.text()  # refused before anything ran
    panel.expected.setText("2027-03-01")
    panel.fleet_size.setValue(12)
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        qtbot.mouseClick(panel.buttons["save_stage"], Qt.MouseButton.LeftButton)
    stage = key_accounts.key_account(firm).stage
    assert (stage.stage, stage.expected_on, stage.fleet_size) == ("quoting", date(2027, 3, 1), 12)

    # who drives the first car
    def driver(dialog: Any) -> None:
        dialog.driver.setCurrentIndex(dialog.driver.findText("王师傅 (User)"))
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    panel.fleet_table.selectRow(0)
    dialogs.answer(drive(qtbot, driver))
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        qtbot.mouseClick(panel.buttons["set_driver"], Qt.MouseButton.LeftButton)
    assert [panel.fleet.index(r, 4).data() for r in range(2)] == ["王师傅", "–"]
    assert key_accounts.fleet(firm)[0].vehicle_id == cars[0]

    # remove someone (confirmed): their row goes, the car keeps no driver
    panel.people_table.selectRow(1)
    dialogs.answer(True)
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        qtbot.mouseClick(panel.buttons["remove_person"], Qt.MouseButton.LeftButton)
    assert panel.people.rowCount() == 1 and panel.fleet.index(0, 4).data() == "–"
    wait_idle(qtbot, detail.ctx)


def test_a_follow_up_for_a_named_person_shows_on_the_agenda(
    db_path: Path,
    detail: CustomerDetail,  # noqa: F811
    qtbot: Any,
    dialogs: Any,
) -> None:
    seed()
    firm, _cars = company_with_fleet()
    finance = key_accounts.add_person(firm, {"name": "陈会计", "role": "finance"}).new_id
    panel = detail.accounts.company
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        open_customer(qtbot, detail, firm)

    def fill(dialog: Any) -> None:
        assert dialog.person is not None and dialog.person.count() == 2
        type_text(qtbot, dialog.reason, "对账：车队保养费用")
        dialog.person.setCurrentIndex(dialog.person.findData(finance))
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    dialogs.answer(drive(qtbot, fill))
    detail.schedule_followup()
    wait_idle(qtbot, detail.ctx)
    f = Followup.get(Followup.customer == firm, Followup.rule == "manual")
    assert f.contact_person_id == finance
    rows = followups.day_agenda(day=f.due, today=TODAY)
    model = AgendaModel()
    model.set_rows([r for r in rows if r.id == f.id], today=TODAY)
    customer_col = [k for k, _ in AgendaModel.COLUMNS].index("customer")
    assert model.index(0, customer_col).data() == "深圳顺达物流有限公司 · 陈会计"

    def log(dialog: Any) -> None:
        dialog.person.setCurrentIndex(dialog.person.findData(finance))
        dialog.pick("reached")
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    dialogs.answer(drive(qtbot, log))
    with qtbot.waitSignal(detail.loaded, timeout=5000):
        detail.log_contact()
    from dealerdesk.store.models import ContactLog

    assert ContactLog.get(ContactLog.customer == firm).contact_person_id == finance


# -- the A+ tab -----------------------------------------------------------------------------
def test_an_offer_becomes_a_follow_up_in_one_click(
    db_path: Path,
    detail: CustomerDetail,  # noqa: F811
    qtbot: Any,
) -> None:
    ids = seed().ids
    Vehicle.update(warranty_end=TODAY + timedelta(days=40)).where(
        Vehicle.customer == ids["王芳"]).execute()  # fmt: skip
    panel = detail.accounts.offers
    open_customer(qtbot, detail, ids["王芳"])
    wait_idle(qtbot, detail.ctx)
    assert panel.model.rowCount() == 0  # the tab is not open: nothing counted as shown
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        tab(detail, panel)
    kinds = [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())]
    assert kinds == ["Extended warranty", "New model"]  # 2021 car: 5 years old
    assert "warranty ends" in panel.model.index(0, 1).data()
    assert panel.make_button.isEnabled()
    with qtbot.waitSignal(panel.loaded, timeout=5000):
        qtbot.mouseClick(panel.make_button, Qt.MouseButton.LeftButton)
    assert panel.model.index(0, 2).data() == "Planned" and not panel.make_button.isEnabled()
    f = Followup.get(Followup.kind == "added_value")
    assert f.customer_id == ids["王芳"] and f.due == TODAY and f.reason.startswith("A+ offer")
    assert "Extended warranty: 1 shown · 1 made into follow-ups · 0 taken up" in panel.uptake.text()
    wait_idle(qtbot, detail.ctx)


# -- the list and the screen ----------------------------------------------------------------
def test_the_card_column_in_the_customer_list(
    db_path: Path,
    ctx: DeskContext,  # noqa: F811
    qtbot: Any,
) -> None:
    ids = seed(score=True).ids
    membership.issue_card(ids["张伟"], today=TODAY)
    membership.issue_card(ids["王芳"], today=TODAY, tier="VIP")
    membership.set_tier_names({"VIP": "钻石卡"})
    widget = CustomersView(ctx)
    qtbot.addWidget(widget)
    widget.refresh()
    wait_idle(qtbot, ctx)
    model, col = widget.model, COLUMN_KEYS.index("card")
    shown = {model.row_at(r).name: model.index(r, col).data() for r in range(model.rowCount())}  # type: ignore[union-attr]
    assert shown["王芳"] == "钻石卡 ✎" and shown["张伟"] in ("Standard", "Gold", "钻石卡")
    assert shown["李娜"] == ""
    row = next(r for r in range(model.rowCount()) if model.row_at(r).name == "王芳")  # type: ignore[union-attr]
    assert "set by hand" in model.index(row, col).data(Qt.ItemDataRole.ToolTipRole)


def test_the_review_list_accepts_the_suggestion_and_key_accounts_go_by_stage(
    db_path: Path,
    ctx: DeskContext,  # noqa: F811
    qtbot: Any,
    dialogs: Any,
) -> None:
    ids = seed(score=True).ids
    for name in ("张伟", "王芳", "李娜"):
        membership.issue_card(ids[name], today=TODAY, tier="VIP" if name != "李娜" else None)
    firm, _ = company_with_fleet()
    key_accounts.set_stage(firm, stage="negotiating", fleet_size=8, today=TODAY)
    other = customers.create_customer({"name": "Harbour Freight Ltd", "kind": "company"},
                                      today=TODAY).new_id  # fmt: skip
    screen = AccountsView(ctx)
    qtbot.addWidget(screen)
    screen.resize(1200, 600)
    with qtbot.waitSignal(screen.loaded, timeout=5000):
        screen.show()
    assert screen.cards.rowCount() == 3
    with qtbot.waitSignal(screen.loaded, timeout=5000):
        screen.show_filter.setCurrentIndex(1)  # the review list
    review = [screen.cards.index(r, 0).data() for r in range(screen.cards.rowCount())]
    assert sorted(review) == ["张伟", "王芳"] and screen.cards.index(0, 2).data().endswith("✎")
    screen.cards_table.selectAll()
    with qtbot.waitSignal(screen.loaded, timeout=5000):
        qtbot.mouseClick(screen.buttons["accept"], Qt.MouseButton.LeftButton)
    assert screen.cards.rowCount() == 0 and membership.cards(differing_only=True) == []
    assert not any(c.overridden for c in membership.cards())

    screen.tabs.setCurrentIndex(1)
    companies = [screen.accounts.index(r, 0).data() for r in range(screen.accounts.rowCount())]
    assert companies == ["深圳顺达物流有限公司", "Harbour Freight Ltd"]  # negotiating before none
    assert screen.accounts.index(0, 1).data() == "Negotiating"
    assert (
        "Negotiating 1" in screen.stages.text() and "No purchase planned 1" in screen.stages.text()
    )
    with qtbot.waitSignal(screen.loaded, timeout=5000):
        screen.stage.setCurrentIndex(screen.stage.findData("none"))
    assert [screen.accounts.index(r, 0).data() for r in range(screen.accounts.rowCount())] == [
        "Harbour Freight Ltd"]  # fmt: skip
    opened: list[int] = []
    ctx.hub.open_customer.connect(opened.append)
    screen.accounts_table.selectRow(0)
    qtbot.mouseClick(screen.buttons["open_account"], Qt.MouseButton.LeftButton)
    assert opened == [other]

    def names(dialog: Any) -> None:
        type_text(qtbot, dialog.edits["VIP"], "钻石卡")
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    dialogs.answer(drive(qtbot, names))
    with qtbot.waitSignal(screen.loaded, timeout=5000):
        qtbot.mouseClick(screen.buttons["names"], Qt.MouseButton.LeftButton)
    assert membership.tier_names()["VIP"] == "钻石卡"
    screen.tabs.setCurrentIndex(2)
    assert screen.uptake.rowCount() == 5 and screen.uptake.index(0, 0).data() == "Tyres"


def test_a_cut_card_list_says_so(
    db_path: Path,
    ctx: DeskContext,  # noqa: F811
    qtbot: Any,
    monkeypatch: Any,
) -> None:
    ids = seed(score=True).ids
    for name in ("张伟", "王芳", "李娜"):
        membership.issue_card(ids[name], today=TODAY)
    screen = AccountsView(ctx)
    qtbot.addWidget(screen)
    with qtbot.waitSignal(screen.loaded, timeout=5000):
        screen.show()
    assert screen.cards.rowCount() == 3 and "first" not in screen.summary.text()
    monkeypatch.setattr(membership, "CARD_LIMIT", 2)
    with qtbot.waitSignal(screen.loaded, timeout=5000):
        screen.reload()
    assert screen.cards.rowCount() == 2
    assert "(the first 2 by name; find a customer to see their card)" in screen.summary.text()
