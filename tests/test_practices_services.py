"""The practices' use cases on a real database: complaints from open to closed, surveys
and NPS, the win-back list, campaigns from preview to results."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from dealerdesk.errors import ValidationError
from dealerdesk.services import campaigns, complaints, customers, followups, surveys, winback
from dealerdesk.services.complaints import ComplaintFilter
from dealerdesk.store import db
from dealerdesk.store.models import Customer, Followup, Staff, Vehicle, Visit
from dealerdesk.vocab.campaigns import Exclusion

NOW = datetime(2026, 11, 13, 16, 0)  # a Friday
TODAY = NOW.date()


def person(name: str, phone: str | None = None, **extra: object) -> int:
    fields = {"name": name, **extra}
    if phone:
        fields["phone"] = phone
    return customers.create_customer(fields, today=TODAY).new_id  # type: ignore[return-value]


def car(cid: int, n: int, make: str = "BYD", model: str = "Han", bought: date | None = None) -> int:
    return int(Vehicle.create(customer=cid, vin=f"LFV2A21K0{n:08d}", plate=f"粤B1234{n}",
                              make=make, model=model, purchase_date=bought).id)  # fmt: skip


# -- complaints --------------------------------------------------------------------------
def test_complaint_from_open_to_closed_plans_the_satisfaction_call(db_path: Path) -> None:
    staff = Staff.create(name="李娜", username="lina").id
    cid = person("张伟", "13912345678")
    vid = car(cid, 1)
    visit = Visit.create(customer=cid, vehicle=vid, date=date(2026, 11, 10), kind="service").id
    done = complaints.open_complaint(cid, now=NOW, category="quality", severity="high",
                                     description="刹车异响，修后仍有", vehicle_id=vid,
                                     visit_id=visit, assignee_id=staff)  # fmt: skip
    k = done.new_id
    assert k is not None
    # its follow-up is on the plan at once, due within one working day (Monday)
    cmp = Followup.get(Followup.complaint == k)
    assert (cmp.kind, cmp.due) == ("complaint", date(2026, 11, 16))

    item = complaints.detail(k, now=NOW).item
    assert item.clock.response_due == datetime(2026, 11, 16, 23, 59, 59)
    assert item.row.vehicle.startswith("粤B12341") and item.row.visit.startswith("2026-11-10")
    late = complaints.list_complaints(now=datetime(2026, 11, 17, 9, 0))
    assert late.past_target == 1 and late.items[0].late.startswith("First response overdue")

    with pytest.raises(ValidationError) as err:
        complaints.close(k, now=NOW, satisfaction=4)  # not resolved yet
    assert err.value.field == "status"
    complaints.respond(k, now=datetime(2026, 11, 16, 10, 0), note="已致电道歉，约周三复查")
    # the response completed the "respond" follow-up (a contact) and the next one keeps in touch
    assert Followup.get_by_id(cmp.id).status == "done"
    nxt = Followup.get((Followup.complaint == k) & (Followup.status == "pending"))
    assert nxt.due == date(2026, 11, 19) and "keep in touch" in nxt.reason
    with pytest.raises(ValidationError):
        complaints.respond(k, now=datetime(2026, 11, 16, 11, 0), note="again")
    with pytest.raises(ValidationError) as err:
        complaints.resolve(k, now=datetime(2026, 11, 18, 15, 0), resolution="  ")
    assert err.value.field == "resolution"
    complaints.resolve(k, now=datetime(2026, 11, 18, 15, 0), resolution="更换刹车片，免费")
    # the satisfaction call: two working days later, to the complaint's owner
    call = Followup.get((Followup.customer == cid) & (Followup.kind == "manual"))
    assert call.due == date(2026, 11, 20) and call.assignee_id == staff
    assert "complaint #" in call.reason and "resolved" in call.reason
    # the complaint follow-up is withdrawn now it is resolved
    assert not Followup.select().where((Followup.complaint == k)
                                       & (Followup.status == "pending")).exists()  # fmt: skip
    complaints.close(k, now=datetime(2026, 11, 20, 10, 0), satisfaction=4, note="满意")
    d = complaints.detail(k, now=datetime(2026, 11, 20, 11, 0))
    assert [e.status for e in d.history] == ["open", "responded", "resolved", "closed"]
    assert d.item.row.satisfaction == 4 and d.item.row.status == "closed"
    stats = complaints.list_complaints(now=datetime(2026, 11, 20, 11, 0))
    assert stats.median_response_hours == pytest.approx(66.0) and stats.past_target == 0


def test_complaint_list_open_first_and_filters(db_path: Path) -> None:
    a, b = Staff.create(name="A", username="a").id, Staff.create(name="B", username="b").id
    cid = person("王芳", "13800000001")
    old = complaints.open_complaint(cid, now=datetime(2026, 10, 1, 9), category="billing",
                                    severity="low", description="多收费", assignee_id=a).new_id  # fmt: skip
    complaints.resolve(old, now=datetime(2026, 10, 2, 9), resolution="退款")  # type: ignore[arg-type]
    newer = complaints.open_complaint(cid, now=datetime(2026, 11, 12, 9), category="waiting",
                                      severity="medium", description="等太久", assignee_id=b).new_id  # fmt: skip
    oldest = complaints.open_complaint(cid, now=datetime(2026, 11, 2, 9), category="staff",
                                       severity="high", description="态度差", assignee_id=a).new_id  # fmt: skip
    ids = [i.row.id for i in complaints.list_complaints(now=NOW).items]
    assert ids == [oldest, newer, old]  # unresolved first, oldest first
    only = complaints.list_complaints(ComplaintFilter(statuses=("open",)), now=NOW)
    assert [i.row.id for i in only.items] == [oldest, newer]
    assert [i.row.id for i in complaints.list_complaints(
        ComplaintFilter(assignee_id=b), now=NOW).items] == [newer]  # fmt: skip
    assert [i.row.id for i in complaints.list_complaints(
        ComplaintFilter(category="billing"), now=NOW).items] == [old]  # fmt: skip
    # age: at least 7 days old removes the one opened yesterday
    aged = complaints.list_complaints(now=NOW, min_age_days=7)
    assert [i.row.id for i in aged.items] == [oldest, old]
    overdue = complaints.list_complaints(now=NOW, overdue_only=True)
    assert [i.row.id for i in overdue.items] == [oldest]
    with pytest.raises(ValidationError) as err:
        complaints.open_complaint(cid, now=NOW, category="weather", severity="low", description="x")
    assert err.value.field == "category"
    with pytest.raises(ValidationError) as err:
        complaints.open_complaint(None, now=NOW, category="staff", severity="low", description="x")
    assert err.value.field == "customer_id"


# -- surveys -----------------------------------------------------------------------------
def test_survey_five_factors_trend_and_nps_of_a_period(db_path: Path) -> None:
    cid = person("刘洋", "13700000002")
    other = person("陈静", "13700000003")
    surveys.record_survey(cid, {"satisfaction": 3, "initiative": 3, "repurchase": 3,
                                "recommend": 5, "resistance": 3, "date": date(2026, 3, 1)},
                          today=TODAY)  # fmt: skip
    surveys.record_survey(cid, {"satisfaction": 5, "initiative": 4, "repurchase": 5,
                                "recommend": 10, "resistance": 4, "date": date(2026, 11, 1)},
                          today=TODAY)  # fmt: skip
    surveys.record_survey(other, {"satisfaction": 2, "initiative": 2, "repurchase": 1,
                                  "recommend": 3, "date": date(2026, 11, 5)}, today=TODAY)  # fmt: skip
    with pytest.raises(ValidationError):
        surveys.record_survey(other, {"satisfaction": 5, "recommend": 9}, today=TODAY)
    trend = surveys.customer_trend(cid)
    assert [p.index for p in trend.points] == [50, 90]
    assert str(trend.words) == "Loyalty 90, up from 50 (2 surveys since 1 Mar 2026)"
    november = surveys.nps_for(date(2026, 11, 1), date(2026, 11, 30))
    assert (november.promoters, november.detractors, november.score) == (1, 1, 0.0)
    year = surveys.nps_for(date(2026, 1, 1), date(2026, 12, 31))
    assert year.responses == 3 and year.score == pytest.approx(-100 / 3)
    assert surveys.nps_for(date(2026, 11, 2), date(2026, 11, 4)).score is None


# -- win-back ----------------------------------------------------------------------------
def test_winback_list_tries_reason_breakdown_and_won_back(db_path: Path) -> None:
    followups.ensure_cadence_rules()
    gone = person("赵磊", "13600000004")
    lapsed = person("孙丽", "13600000005")
    fine = person("周杰", "13600000006")
    Visit.create(customer=lapsed, date=date(2024, 3, 1), kind="service")
    Visit.create(customer=fine, date=date(2026, 9, 1), kind="service")
    Customer.update(created_at=datetime(2024, 1, 1)).execute()
    winback.record_reason(gone, category="price", text="4S店保养太贵", on=date(2026, 10, 20),
                          today=TODAY)  # fmt: skip
    # three tries already worked: the next is the last
    for n in range(1, 4):
        Followup.create(customer=gone, kind="winback", rule="winback", source_key=f"test-wb:{gone}:{n}",
                        due=date(2026, 10, 20), status="done", outcome="no_answer")  # fmt: skip
    items = {i.row.customer_id: i for i in winback.winback_list(today=TODAY)}
    assert set(items) == {gone, lapsed}
    assert (
        items[gone].words.startswith("LAST try (4 of 4)")
        and items[gone].row.lost_category == "price"
    )
    assert items[lapsed].lapsed and items[lapsed].words == "Try 1 of 4"
    winback.record_reason(lapsed, category="distance", text="搬到了东莞", on=date(2026, 11, 2),
                          today=TODAY)  # fmt: skip
    with pytest.raises(ValidationError) as err:
        winback.record_reason(fine, category="weather", on=TODAY, today=TODAY)
    assert err.value.field == "lost_category"
    rows = winback.reasons(date(2026, 11, 1), date(2026, 11, 30))
    assert [(r.reason, r.count) for r in rows] == [("distance", 1)]  # October's is outside
    assert len(winback.reasons(date(2026, 10, 1), date(2026, 11, 30))) == 2
    winback.mark_won_back(gone, on=date(2026, 11, 12), today=TODAY)
    back = Customer.get_by_id(gone)
    assert (back.status, back.won_back_on, back.lost_category) == (
        "active",
        date(2026, 11, 12),
        "price",
    )
    assert gone not in {i.row.customer_id for i in winback.winback_list(today=TODAY)}
    with pytest.raises(ValidationError):
        winback.mark_won_back(lapsed, on=date(2026, 10, 1), today=TODAY)  # before leaving


# -- campaigns ---------------------------------------------------------------------------
def test_campaign_preview_exclusions_create_and_results(db_path: Path) -> None:
    followups.ensure_cadence_rules()
    ok = person("张伟", "13500000001", city="广州")
    optout = person("李娜", "13500000002", city="广州")
    lost = person("王强", "13500000003", city="广州")
    tired = person("陈晨", "13500000004", city="广州")
    elsewhere = person("黄磊", "13500000005", city="深圳")
    for n, cid in enumerate((ok, optout, lost, tired, elsewhere), start=1):
        car(cid, n, bought=date(2021, 6, 1))
    customers.set_consent(optout, channel="phone", purpose="marketing", granted=False,
                          source="customer request", today=TODAY)  # fmt: skip
    customers.set_consent(optout, channel="sms", purpose="marketing", granted=False,
                          source="customer request", today=TODAY)  # fmt: skip
    Customer.update(status="lost").where(Customer.id == lost).execute()
    for _ in range(2):
        customers.log_contact(
            tired, now=NOW, channel="phone", outcome="reached", purpose="marketing"
        )
    crit = campaigns.Criteria(
        cities=("广州",), makes=("BYD",), min_vehicle_age=4, max_vehicle_age=6
    )
    tpl = "{name}您好，您的{model}（{plate}）可参加{date}的老车主置换活动。"
    pv = campaigns.preview_audience(crit, today=TODAY, template=tpl, starts_on=date(2026, 12, 5))
    assert pv.preview.matched == 4
    assert [c.id for c in pv.preview.invited] == [ok]
    assert {c.id: kind for c, kind, _m in pv.preview.excluded} == {
        optout: Exclusion.NO_CONSENT,
        lost: Exclusion.DO_NOT_CONTACT,
        tired: Exclusion.FATIGUE,
    }
    assert (
        pv.sample_message
        == "张伟您好，您的BYD Han（粤B12341）可参加2026年12月5日的老车主置换活动。"
    )
    with pytest.raises(ValidationError) as err:
        campaigns.preview_audience(crit, today=TODAY, template="{name} {price}")
    assert err.value.field == "template"

    done = campaigns.create_campaign(name="老车主置换", kind="promotion", criteria=crit,
                                     template=tpl, language="zh_CN", starts_on=date(2026, 12, 5),
                                     invite_days_before=7, today=TODAY)  # fmt: skip
    camp = done.new_id
    invites = list(Followup.select().where(Followup.campaign == camp))
    assert [(f.customer_id, f.kind, f.due) for f in invites] == [
        (ok, "campaign", date(2026, 11, 28))
    ]
    # a full planning run keeps the invitation to exactly that audience
    followups.generate_followups(today=TODAY)
    assert Followup.select().where(Followup.campaign == camp).count() == 1
    (row,) = campaigns.list_campaigns()
    assert (row.invited, row.accepted, campaigns.response_rate(row)) == (1, 0, 0.0)
    campaigns.record_result(camp, ok, reached=False, accepted=True, visited=False)  # type: ignore[arg-type]
    (row,) = campaigns.list_campaigns()
    assert (row.reached, row.accepted, row.visited, campaigns.response_rate(row)) == (1, 1, 0, 1.0)
    (member,) = campaigns.members(camp)  # type: ignore[arg-type]
    assert member.message.startswith("张伟您好") and member.followup == "pending"
    assert campaigns.criteria_of(row) == crit
    with pytest.raises(ValidationError) as err:
        campaigns.create_campaign(name="x", kind="promotion", criteria=campaigns.Criteria(cities=("北京",)),
                                  template="hi {name}", language="en", starts_on=date(2026, 12, 5),
                                  today=TODAY)  # fmt: skip
    assert err.value.field == "audience"


def test_schema_7_upgrade_renames_in_progress_and_keeps_complaints(tmp_path: Path) -> None:
    import shutil
    import sqlite3

    from dealerdesk.store import open_database

    path = tmp_path / "old.db"
    shutil.copy(Path(__file__).parent / "data" / "schema_v1.db", path)
    con = sqlite3.connect(path)
    con.execute(
        "INSERT INTO complaint (created_at, updated_at, customer_id, opened_at, category,"
        " severity, status, description, first_response_at) VALUES ('2026-01-05 10:00:00',"
        " '2026-01-05 10:00:00', 1, '2026-01-05 10:00:00', 'service', 'medium', 'in_progress',"
        " 'slow', '2026-01-05 16:00:00')"
    )
    con.commit()
    con.close()
    open_database(path)
    try:
        (row,) = complaints.list_complaints(now=datetime(2026, 1, 20, 9)).items
        assert (row.row.status, row.row.visit_id, row.row.satisfaction) == ("responded", None, None)
        history = complaints.detail(row.row.id, now=datetime(2026, 1, 20, 9)).history
        assert [e.status for e in history] == ["open", "responded"]  # from the timestamps
    finally:
        db.close()
