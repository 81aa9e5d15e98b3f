"""Follow-up use cases on a real database file: generate, list, complete, snooze."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from playhouse.test_utils import count_queries

from dealerdesk.errors import ConflictError, NotFoundError, ValidationError
from dealerdesk.services import followups, settings
from dealerdesk.store.models import (
    Complaint,
    Consent,
    ContactLog,
    Customer,
    Followup,
    Staff,
    Vehicle,
    Visit,
)

TODAY = date(2027, 3, 3)  # a Wednesday; no greeted holiday within 90 days
NOW = datetime(2027, 3, 3, 10, 30)


def staff(name: str = "李娜") -> Staff:
    return Staff.create(name=name, username=f"u{Staff.select().count() + 1}")


def person(n: int = 1, owner: Staff | None = None, **kw: object) -> Customer:
    """A customer since last autumn (long enough ago that a visit-less one would be lapsed
    is 18 months: not yet)."""
    values: dict[str, object] = {
        "name": f"张伟{n}", "phone": f"+861390000{n:04d}", "owner": owner,
        "created_at": datetime(2026, 10, 1),
    }  # fmt: skip
    return Customer.create(**{**values, **kw})


def car(c: Customer, n: int = 1, **kw: object) -> Vehicle:
    values = {"customer": c, "vin": f"LFV2A21K0{n:08d}", "plate": f"粤B1234{n}", "make": "BYD",
              "model": "Han"}  # fmt: skip
    return Vehicle.create(**{**values, **kw})


def contact(c: Customer, at: datetime, outcome: str = "reached") -> None:
    ContactLog.create(customer=c, at=at, channel="phone", outcome=outcome)


def rows(**where: object) -> list[Followup]:
    q = Followup.select().order_by(Followup.id)
    for field, value in where.items():
        q = q.where(getattr(Followup, field) == value)
    return list(q)


def pending(kind: str) -> Followup:
    found = rows(kind=kind, status="pending")
    assert len(found) == 1, [(f.source_key, f.status) for f in rows(kind=kind)]
    return found[0]


def generate(today: date = TODAY) -> followups.GenerateResult:
    return followups.generate_followups(today=today, horizon_days=90)


# -- rules ------------------------------------------------------------------------------
def test_cadence_rules_are_seeded_once_and_edits_are_kept(db_path: Path) -> None:
    assert followups.ensure_cadence_rules() == 21  # issue #16: +2 renewal calls, 首保 ×2
    assert followups.ensure_cadence_rules() == 0
    followups.update_cadence_rule(key="thanks", offset_days=3)
    followups.ensure_cadence_rules()
    rules = {r.key: r for r in followups.cadence_rules()}
    assert rules["thanks"].offset_days == 3 and rules["touch"].limit_days == 60
    with pytest.raises(ValidationError) as err:
        followups.update_cadence_rule(key="nonsense", offset_days=1)
    assert err.value.field == "key"


def test_saving_several_rules_is_all_or_none(db_path: Path) -> None:
    """Settings' "Save rules": one refused figure leaves every rule as it was."""
    followups.ensure_cadence_rules()
    with pytest.raises(ValidationError) as err:
        followups.update_cadence_rules([("first_service", True, 90, 21), ("winback", True, 30, -1)])
    assert err.value.field == "limit_days"
    rules = {r.key: r for r in followups.cadence_rules()}
    assert rules["first_service"].limit_days == 30 and rules["winback"].limit_days == 4
    with pytest.raises(ValidationError):  # 0 would quietly mean "the default"
        followups.update_cadence_rules([("first_service", True, 90, 0)])
    followups.update_cadence_rules([("first_service", True, 90, 1), ("winback", False, 30, None)])
    rules = {r.key: r for r in followups.cadence_rules()}
    assert rules["first_service"].limit_days == 1 and not rules["winback"].enabled
    assert rules["winback"].limit_days == 4  # None: the second figure is left alone


# -- generation ----------------------------------------------------------------------------
def test_generation_is_idempotent(db_path: Path) -> None:
    settings.set_value("fatigue_cap", "none")  # this test is about keys, not fatigue
    owner = staff()
    c = person(owner=owner, birthday=date(1980, 3, 20))
    car(c, purchase_date=date(2027, 3, 1), insurance_end=date(2027, 4, 25))
    contact(c, datetime(2027, 2, 20, 9))
    first = generate()
    # issue #16: the first-service reminder (首保, 3 months after the sale) is in view too.
    assert first.created == 6 and (first.moved, first.cancelled) == (0, 0)
    assert {f.kind for f in rows()} == {"thanks", "checkin", "birthday", "insurance", "touch",
                                        "first_service"}  # fmt: skip
    assert all(f.assignee_id == owner.id and f.status == "pending" for f in rows())
    again = generate()
    assert (again.created, again.moved, again.cancelled, again.unchanged) == (0, 0, 0, 6)
    assert len(rows()) == 6


def test_moving_a_sale_date_moves_its_pending_follow_ups(db_path: Path) -> None:
    c = person()
    v = car(c, purchase_date=date(2027, 3, 1))
    generate()
    assert pending("thanks").due == date(2027, 3, 3)
    Vehicle.update(purchase_date=date(2027, 3, 2)).where(Vehicle.id == v.id).execute()
    result = generate()
    assert result.moved == 3 and result.created == 0  # thanks, check-in, first service
    assert (pending("thanks").due, pending("checkin").due) == (date(2027, 3, 4), date(2027, 3, 9))


def test_a_completed_or_skipped_follow_up_is_never_recreated(db_path: Path) -> None:
    c = person()
    car(c, purchase_date=date(2027, 3, 1))
    generate()
    followups.complete_followup(followup_id=pending("thanks").id, outcome="reached", now=NOW)
    followups.skip_followup(followup_id=pending("checkin").id, reason="customer abroad", now=NOW)
    result = generate(TODAY + timedelta(days=1))
    assert result.created == 0
    assert {f.kind: f.status for f in rows(vehicle=1)} == {
        "thanks": "done", "checkin": "skipped", "first_service": "pending"}  # fmt: skip


def test_a_vanished_trigger_cancels_the_pending_follow_up_with_a_note(db_path: Path) -> None:
    c = person()
    complaint = Complaint.create(customer=c, opened_at=datetime(2027, 3, 2, 11), description="异响")
    generate()
    task = pending("complaint")
    assert (task.due, task.essential) == (date(2027, 3, 3), True)
    Complaint.update(status="resolved").where(Complaint.id == complaint.id).execute()
    assert generate().cancelled == 1
    done = Followup.get_by_id(task.id)
    assert (
        done.status == "skipped" and done.notes == "Cancelled: the complaint is resolved or closed"
    )
    assert done.source_key == f"cmp:{complaint.id}@{task.id}"


def test_an_opted_out_customer_gets_no_marketing_and_planned_greetings_are_cancelled(
    db_path: Path,
) -> None:
    c = person(birthday=date(1980, 3, 20))
    car(c, insurance_end=date(2027, 4, 25))
    generate()
    assert pending("birthday").due == date(2027, 3, 19)
    for channel in ("phone", "sms"):
        Consent.create(customer=c, channel=channel, purpose="marketing", granted=False,
                       source="customer request", recorded_on=TODAY)  # fmt: skip
    result = generate()
    assert result.cancelled == 2  # the birthday greeting and the stay-in-touch call
    assert {f.kind for f in rows(status="pending")} == {"insurance"}
    assert "no channel allowed for marketing" in rows(kind="birthday")[0].notes


def test_deceased_customers_get_nothing(db_path: Path) -> None:
    c = person()
    car(c, insurance_end=date(2027, 4, 25))
    generate()
    Customer.update(status="deceased").where(Customer.id == c.id).execute()
    generate()
    assert rows(status="pending") == []


def test_the_fatigue_cap_comes_from_settings(db_path: Path) -> None:
    c = person(birthday=date(1980, 3, 20))
    car(c, purchase_date=date(2027, 3, 1))
    settings.set_value("fatigue_cap", "1")
    result = generate()
    # The stay-in-touch call fell due months ago (a first plan): it waits on the catch-up
    # list, outside the cap; of the rest only the thank-you fits.
    # The first-service reminder (首保) is essential: outside the cap.
    assert [f.kind for f in rows(catchup=False)] == ["first_service", "thanks"]
    assert result.held_back == 2
    assert [f.kind for f in rows(catchup=True)] == ["touch"]
    settings.set_value("fatigue_cap", "none")
    assert generate().created == 2  # the check-in and the birthday greeting


def test_generation_reads_everyone_in_a_fixed_number_of_queries(db_path: Path) -> None:
    def queries(n: int) -> int:
        for _ in range(n):
            k = Customer.select().count() + 1
            c = person(k, birthday=date(1980, 3, 20))
            car(c, k, purchase_date=date(2027, 3, 1))
            Visit.create(customer=c, date=date(2027, 3, 1), kind="service", declined="wipers")
        with count_queries() as counter:
            generate()
        return counter.count

    assert queries(2) == queries(40)


def test_generation_for_some_customers_only(db_path: Path) -> None:
    a, b = person(1), person(2)
    car(a, 1, purchase_date=date(2027, 3, 1))
    car(b, 2, purchase_date=date(2027, 3, 1))
    followups.generate_followups(today=TODAY, customer_ids=[b.id])
    assert {f.customer_id for f in rows()} == {b.id}


# -- working a follow-up --------------------------------------------------------------------
def test_completing_logs_the_contact_and_resets_stay_in_touch(db_path: Path) -> None:
    c = person()
    contact(c, datetime(2027, 1, 10, 9))
    generate()
    touch = pending("touch")
    assert touch.due == date(2027, 2, 9)
    changed = followups.complete_followup(
        followup_id=touch.id, outcome="reached", notes="all good", now=NOW
    )
    log = ContactLog.get(ContactLog.followup == touch.id)
    assert (log.outcome, log.channel, log.notes, log.at) == ("reached", "phone", "all good", NOW)
    closed = Followup.get_by_id(touch.id)
    assert (closed.status, closed.outcome, closed.source_key) == (
        "done",
        "reached",
        f"touch:{c.id}@{touch.id}",
    )
    nxt = pending("touch")
    assert nxt.due == date(2027, 4, 2) and nxt.source_key == f"touch:{c.id}"
    assert changed.customer_ids == {c.id} and {touch.id, nxt.id} <= changed.followup_ids
    assert changed.touches("contact_log") and changed.touches("followup")


def test_a_logged_contact_moves_the_pending_stay_in_touch_call(db_path: Path) -> None:
    c = person()
    contact(c, datetime(2027, 2, 1, 9))
    generate()
    assert pending("touch").due == date(2027, 3, 3)
    contact(c, datetime(2027, 3, 2, 15))
    assert generate().moved == 1
    assert pending("touch").due == date(2027, 4, 1)


def test_no_answer_is_retried_then_closed_and_counts_as_unanswered(db_path: Path) -> None:
    c = person()
    car(c, insurance_end=date(2027, 4, 25))
    generate()
    task = pending("insurance")
    followups.complete_followup(
        followup_id=task.id, outcome="no_answer", now=datetime(2027, 3, 5, 10)
    )
    retry = Followup.get_by_id(task.id)
    assert (retry.status, retry.attempt, retry.due) == ("pending", 2, date(2027, 3, 8))  # Fri → Mon
    generate()  # a date set by an attempt is kept
    assert Followup.get_by_id(task.id).due == date(2027, 3, 8)
    followups.complete_followup(
        followup_id=task.id, outcome="no_answer", now=datetime(2027, 3, 8, 10)
    )
    followups.complete_followup(
        followup_id=task.id, outcome="no_answer", now=datetime(2027, 3, 9, 10)
    )
    last = Followup.get_by_id(task.id)
    assert (last.status, last.outcome) == ("done", "no_answer")
    assert last.notes.startswith("No answer 3 times")
    outcomes = [r.outcome for r in ContactLog.select().where(ContactLog.followup == task.id)]
    assert outcomes == ["no_answer"] * 3


def test_call_back_schedules_the_next_follow_up(db_path: Path) -> None:
    agent = staff("王强")
    c = person()
    car(c, insurance_end=date(2027, 4, 25))
    generate()
    task = pending("insurance")
    friday = datetime(2027, 3, 5, 16)
    followups.complete_followup(
        followup_id=task.id, outcome="call_back", staff_id=agent.id, now=friday
    )
    back = rows(rule="callback")[0]
    assert (back.kind, back.due, back.assignee_id, back.status) == (
        "insurance",
        date(2027, 3, 8),
        agent.id,
        "pending",
    )
    assert back.reason.startswith("Call back as agreed on Fri 5 Mar 2027")
    assert Followup.get_by_id(task.id).outcome == "call_back"
    followups.complete_followup(followup_id=back.id, outcome="call_back", now=friday,
                                callback_on=date(2027, 3, 20))  # fmt: skip
    assert rows(rule="callback")[-1].due == date(2027, 3, 20)
    generate()  # the generator leaves call-backs alone
    assert rows(rule="callback")[-1].status == "pending"


def test_completing_refuses_bad_input(db_path: Path) -> None:
    c = person()
    car(c, insurance_end=date(2027, 4, 25))
    generate()
    task = pending("insurance")
    for kw, field in (({"outcome": "maybe"}, "outcome"), ({"outcome": "reached", "channel": "fax"}, "channel"),
                      ({"outcome": "reached", "callback_on": date(2027, 3, 9)}, "callback_on"),
                      ({"outcome": "call_back", "callback_on": date(2027, 3, 1)}, "callback_on")):  # fmt: skip
        with pytest.raises(ValidationError) as err:
            followups.complete_followup(followup_id=task.id, now=NOW, **kw)  # type: ignore[arg-type]
        assert err.value.field == field
    followups.complete_followup(followup_id=task.id, outcome="wrong_number", now=NOW)
    with pytest.raises(ConflictError, match="already completed"):  # done already (#9)
        followups.complete_followup(followup_id=task.id, outcome="reached", now=NOW)
    with pytest.raises(NotFoundError):
        followups.complete_followup(followup_id=9999, outcome="reached", now=NOW)
    assert ContactLog.select().count() == 1


def test_win_back_stops_after_the_fourth_try(db_path: Path) -> None:
    c = person(status="lost", lost_reason="车辆已出售")
    generate()
    day = NOW
    for n in range(1, 5):
        task = pending("winback")
        assert task.source_key == f"winback:{c.id}:{n}"
        assert ("LAST try (4 of 4)" in task.reason) == (n == 4)
        followups.complete_followup(followup_id=task.id, outcome="declined", now=day)
        day += timedelta(days=31)
        generate(day.date())
    assert rows(kind="winback", status="pending") == [] and len(rows(kind="winback")) == 4


def test_snooze_and_reschedule_are_kept_by_the_generator(db_path: Path) -> None:
    c = person()
    car(c, insurance_end=date(2027, 4, 25))
    generate()
    task = pending("insurance")
    followups.snooze_followup(followup_id=task.id, days=3, today=TODAY)
    assert Followup.get_by_id(task.id).due == date(2027, 3, 14)
    generate()
    assert Followup.get_by_id(task.id).due == date(2027, 3, 14)
    followups.reschedule_followup(followup_id=task.id, new_due=date(2027, 3, 31), today=TODAY)
    assert Followup.get_by_id(task.id).due == date(2027, 3, 31)
    with pytest.raises(ValidationError) as err:
        followups.reschedule_followup(followup_id=task.id, new_due=date(2027, 3, 2), today=TODAY)
    assert err.value.field == "new_due"
    with pytest.raises(ValidationError) as err:
        followups.snooze_followup(followup_id=task.id, days=0, today=TODAY)
    assert err.value.field == "days"


# -- lists --------------------------------------------------------------------------------
def test_due_follow_ups_rows(db_path: Path) -> None:
    owner = staff()
    c = person(owner=owner)
    car(c, insurance_end=date(2027, 4, 20), purchase_date=date(2020, 5, 1))
    contact(c, datetime(2026, 12, 23, 9))  # 70 days ago: stay-in-touch due 40 days ago
    generate(date(2026, 12, 24))  # planned back then (not a first plan: no catch-up list)
    generate()
    got = followups.due_followups(today=TODAY)
    assert [r.kind for r in got] == ["touch"]
    touch = got[0]
    assert (touch.customer_name, touch.phone, touch.kind_label) == (
        "张伟1",
        "+8613900000001",
        "Stay-in-touch call",
    )
    assert touch.overdue_days == 10  # due after 30 days, overdue only after 60
    assert (touch.assignee, touch.last_contact, touch.status) == (
        "李娜",
        date(2026, 12, 23),
        "pending",
    )
    soon = followups.due_followups(today=TODAY, days=7)
    ins = next(r for r in soon if r.kind == "insurance")
    assert (ins.kind_label, ins.vehicle, ins.due, ins.overdue_days) == (
        "Insurance renewal call",
        "粤B12341 · BYD Han",
        date(2027, 3, 6),
        0,
    )
    assert followups.due_followups(today=TODAY, kind="insurance", days=7) == [ins]
    assert followups.due_followups(today=TODAY, staff_id=owner.id + 1) == []


def test_month_counts_and_day_agenda(db_path: Path) -> None:
    settings.set_value("fatigue_cap", "none")
    c = person(birthday=date(1980, 3, 1))
    car(c, insurance_end=date(2027, 4, 25), purchase_date=date(2027, 3, 2))
    contact(c, datetime(2027, 1, 1, 9))
    generate(date(2027, 1, 2))  # planned back then (not a first plan: no catch-up list)
    generate(date(2027, 2, 20))
    feb = followups.month_counts(year=2027, month=2, today=date(2027, 2, 20))
    assert len(feb) == 28 and feb[date(2027, 2, 28)] == 1  # the greeting the day before 1 March
    assert feb[date(2027, 2, 20)] == 1  # the overdue stay-in-touch call counts today
    assert sum(feb.values()) == 2
    generate()
    march = followups.month_counts(year=2027, month=3, today=TODAY)
    assert (
        march[date(2027, 3, 4)] == 1
        and march[date(2027, 3, 11)] == 1
        and march[date(2027, 3, 9)] == 1
    )
    assert (
        followups.month_counts(year=2027, month=3, today=TODAY, kind="thanks")[date(2027, 3, 4)]
        == 1
    )
    agenda = followups.day_agenda(day=date(2027, 3, 4))
    assert [(r.kind, r.status) for r in agenda] == [("thanks", "pending")]
    followups.complete_followup(followup_id=agenda[0].id, outcome="reached", now=NOW)
    assert [(r.kind, r.status) for r in followups.day_agenda(day=date(2027, 3, 4))] == [
        ("thanks", "done")
    ]
    with pytest.raises(ValidationError):
        followups.month_counts(year=2027, month=13, today=TODAY)


def test_call_back_on_a_complaint_keeps_one_follow_up_per_complaint(db_path: Path) -> None:
    c = person()
    Complaint.create(customer=c, opened_at=datetime(2027, 3, 2, 11), description="异响")
    generate()
    task = pending("complaint")
    followups.complete_followup(followup_id=task.id, outcome="call_back", now=NOW,
                                callback_on=date(2027, 3, 10))  # fmt: skip
    nxt = pending("complaint")  # exactly one, on the agreed day, under the complaint's key
    assert (nxt.due, nxt.source_key, nxt.rule) == (date(2027, 3, 10), task.source_key, "complaint")
    generate()
    assert pending("complaint").due == date(2027, 3, 10)


def test_stay_in_touch_retry_after_no_answer_and_skip(db_path: Path) -> None:
    c = person()
    contact(c, datetime(2027, 1, 10, 9))
    generate()
    touch = pending("touch")
    followups.complete_followup(followup_id=touch.id, outcome="no_answer", now=NOW)
    assert pending("touch").due == date(2027, 3, 4)  # tried again tomorrow, not in 30 days
    contact(c, datetime(2027, 3, 4, 9))  # ...but the customer called in the next day
    generate(date(2027, 3, 4))
    assert pending("touch").due == date(2027, 4, 3)
    followups.skip_followup(followup_id=pending("touch").id, reason="sees us weekly", now=NOW)
    assert pending("touch").due == date(2027, 4, 2)  # the next one, an interval from today
    assert rows(status="skipped")[0].notes == "Skipped: sees us weekly"


def test_a_follow_up_scheduled_by_hand(db_path: Path) -> None:
    c = person()
    friday = TODAY + timedelta(days=2)
    before = len(rows())
    for kw, field in [({"due": TODAY - timedelta(days=1), "reason": "x"}, "due"),
                      ({"due": friday, "reason": "  "}, "reason")]:  # fmt: skip
        with pytest.raises(ValidationError) as err:
            followups.schedule_followup(customer_id=c.id, today=TODAY, **kw)  # type: ignore[arg-type]
        assert err.value.field == field
    assert len(rows()) == before
    done = followups.schedule_followup(
        customer_id=c.id, due=friday, reason="winter tyre offer", today=TODAY
    )
    assert done.new_id in done.followup_ids
    generate()  # the cadence neither moves nor cancels what a person planned
    generate(TODAY + timedelta(days=1))
    due = [r for r in followups.due_followups(today=friday) if r.id == done.new_id]
    assert [(r.due, r.kind_label, r.reason) for r in due] == [
        (friday, "Follow-up", "winter tyre offer")
    ]


def test_due_list_puts_complaints_then_service_calls_first(db_path: Path) -> None:
    from dealerdesk.store import followup_queries as fq

    c = person()
    stamp = datetime(2027, 3, 1, 9)

    def add(key: str, kind: str, due: date, *, essential: bool = False) -> int:
        return fq.insert_followup(
            customer_id=c.id, kind=kind, rule="manual", source_key=key, purpose="service",
            essential=essential, due=due, reason=key, assignee_id=None, vehicle_id=None,
            complaint_id=None, campaign_id=None, stamp=stamp,
        )  # fmt: skip

    old_touch = add("t:old", "touch", TODAY - timedelta(days=40))
    service = add("t:svc", "service", TODAY - timedelta(days=2), essential=True)
    complaint = add("t:cmp", "complaint", TODAY, essential=True)
    later = add("t:later", "complaint", TODAY + timedelta(days=2), essential=True)
    order = [r.id for r in followups.due_followups(today=TODAY, days=3) if r.customer_id == c.id]
    assert order == [complaint, service, old_touch, later]
