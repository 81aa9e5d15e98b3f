"""Issue #16 through the services on a real database: each outcome code's effect, the
do-not-contact per vehicle and type, outcome delays, the renewal list, the migration."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from dealerdesk.errors import ValidationError
from dealerdesk.services import aftersales, customers, followups
from dealerdesk.store.models import ContactPause, Customer, Followup, Staff, Vehicle, Visit

TODAY = date(2027, 3, 3)
NOW = datetime(2027, 3, 3, 10, 30)
END = TODAY + timedelta(days=45)  # the first renewal call is due today


def person(n: int = 1, **kw: object) -> Customer:
    values: dict[str, object] = {"name": f"王芳{n}", "phone": f"+861380000{n:04d}",
                                 "created_at": datetime(2026, 10, 1)}  # fmt: skip
    return Customer.create(**{**values, **kw})


def car(c: Customer, n: int = 1, **kw: object) -> Vehicle:
    values = {"customer": c, "vin": f"LFV2A21K0{n:08d}", "plate": f"粤B5678{n}", "make": "BYD",
              "model": "Qin"}  # fmt: skip
    return Vehicle.create(**{**values, **kw})


def pending(**where: object) -> list[Followup]:
    q = Followup.select().where(Followup.status == "pending").order_by(Followup.id)
    for field, value in where.items():
        q = q.where(getattr(Followup, field) == value)
    return list(q)


def generate() -> None:
    followups.generate_followups(today=TODAY, horizon_days=90)


def complete(f: Followup, outcome: str, **kw: object) -> None:
    followups.complete_followup(followup_id=f.id, outcome=outcome, now=NOW, **kw)  # type: ignore[arg-type]


def test_car_sold_closes_the_cars_reminders_and_asks_for_the_new_owner(db_path: Path) -> None:
    c = person()
    sold = car(c, purchase_date=date(2026, 12, 20), insurance_end=END)
    kept = car(c, 2, insurance_end=END)
    generate()
    (ins,) = pending(vehicle=sold.id, kind="insurance")
    complete(ins, "car_sold")
    assert [f.kind for f in pending(vehicle=sold.id)] == ["new_owner"]
    (ask,) = pending(kind="new_owner")
    assert ask.due == TODAY + timedelta(days=1) and "new owner" in ask.reason
    assert [f.kind for f in pending(vehicle=kept.id)] == ["insurance"]  # the other car: kept
    (pause,) = ContactPause.select()
    assert (pause.contact_type, pause.state, pause.until) == ("all", "closed", None)
    generate()  # idempotent: nothing comes back for the sold car
    assert [f.kind for f in pending(vehicle=sold.id)] == ["new_owner"]


def test_insured_elsewhere_pauses_renewal_calls_for_that_car(db_path: Path) -> None:
    c = person()
    v = car(c, insurance_end=END, inspection_due=TODAY + timedelta(days=30))
    generate()
    (ins,) = pending(kind="insurance")
    complete(ins, "insured_else")
    assert pending(kind="insurance") == [] and len(pending(kind="inspection")) == 1
    (pause,) = ContactPause.select()
    assert (pause.contact_type, pause.until) == ("insurance", TODAY + timedelta(days=300))
    assert "外面投保" in pause.reason
    assert (
        Vehicle.get_by_id(v.id).insured_here is False or Vehicle.get_by_id(v.id).insured_here == 0
    )
    followups.generate_followups(today=TODAY + timedelta(days=12), horizon_days=90)
    assert pending(kind="insurance") == []  # the 33-day call is paused too
    # Cleared by a person: the renewal call in force comes back (the 45-day one was made).
    aftersales.clear_pause(pause_id=pause.id, today=TODAY + timedelta(days=12))
    assert [f.source_key for f in pending(kind="insurance")] == [f"ins2:{v.id}:{END.year}"]


def test_serviced_elsewhere_pauses_maintenance_reminders(db_path: Path) -> None:
    c = person()
    v = car(c, purchase_date=date(2026, 12, 1))  # first service due in the horizon
    generate()
    (fs,) = pending(kind="first_service")
    aftersales.set_outcome_delay(code="service_else", days=90)
    complete(fs, "service_else")
    assert pending(kind="first_service") == []
    (pause,) = ContactPause.select()
    assert (pause.vehicle_id, pause.contact_type, pause.until) == (
        v.id, "service", TODAY + timedelta(days=90))  # fmt: skip


def test_call_back_on_a_date_plans_exactly_that_date(db_path: Path) -> None:
    c = person()
    car(c, insurance_end=END)
    generate()
    (ins,) = pending(kind="insurance")
    saturday = date(2027, 3, 13)  # not moved to a working day: the customer chose it
    complete(ins, "call_back", callback_on=saturday)
    assert [f.due for f in pending(kind="insurance")] == [saturday]
    # Logged by hand (no follow-up), the same.
    customers.log_contact(c.id, now=NOW, channel="phone", outcome="call_back",
                          callback_on=date(2027, 3, 20))  # fmt: skip
    assert [f.due for f in pending(kind="callback")] == [date(2027, 3, 20)]


def test_no_answer_retry_and_default_call_back_follow_the_outcome_delays(db_path: Path) -> None:
    c = person()
    car(c, insurance_end=END)
    generate()
    aftersales.set_outcome_delay(code="no_answer", days=2)
    (ins,) = pending(kind="insurance")
    complete(ins, "no_answer")
    assert Followup.get_by_id(ins.id).due == date(2027, 3, 5)  # two working days
    aftersales.set_outcome_delay(code="call_back", days=3)
    complete(Followup.get_by_id(ins.id), "call_back")
    assert [f.due for f in pending(kind="insurance")] == [date(2027, 3, 8)]


def test_declined_pauses_only_with_a_delay(db_path: Path) -> None:
    c = person()
    car(c, insurance_end=END)
    generate()
    complete(pending(kind="insurance")[0], "declined")
    assert ContactPause.select().count() == 0  # default 0: the rules decide
    assert {d.code: d.days for d in aftersales.outcome_delays()}["declined"] == 0


def test_a_vehicle_outcome_needs_to_know_which_car(db_path: Path) -> None:
    c = person()
    car(c)
    car(c, 2)
    with pytest.raises(ValidationError) as err:
        customers.log_contact(c.id, now=NOW, channel="phone", outcome="car_sold")
    assert err.value.field == "vehicle_id"
    assert ContactPause.select().count() == 0  # nothing half-written


def test_do_not_contact_needs_a_reason_and_is_honoured(db_path: Path) -> None:
    c = person()
    v = car(c, insurance_end=END)
    generate()
    with pytest.raises(ValidationError) as err:
        aftersales.pause_contact(customer_id=c.id, vehicle_id=v.id, contact_type="insurance",
                                 reason="  ", today=TODAY)  # fmt: skip
    assert err.value.field == "reason"
    with pytest.raises(ValidationError) as err:
        aftersales.pause_contact(customer_id=c.id, vehicle_id=v.id, contact_type="nonsense",
                                 reason="asked", today=TODAY)  # fmt: skip
    assert err.value.field == "contact_type"
    aftersales.pause_contact(customer_id=c.id, vehicle_id=v.id, contact_type="insurance",
                             reason="客户要求不再来电", today=TODAY)  # fmt: skip
    assert pending(kind="insurance") == []
    (state,) = aftersales.vehicle_pauses(customer_id=c.id, today=TODAY)
    assert [(p.contact_type, p.reason) for p in state.pauses] == [("insurance", "客户要求不再来电")]


def test_outcome_delays_are_validated(db_path: Path) -> None:
    with pytest.raises(ValidationError) as err:
        aftersales.set_outcome_delay(code="reached", days=-1)
    assert err.value.field == "days"
    with pytest.raises(ValidationError):
        aftersales.set_outcome_delay(code="bogus", days=1)
    aftersales.set_outcome_delay(code="insured_else", days=330)
    assert aftersales.outcome_delay("insured_else") == 330


def test_satisfaction_call_goes_to_someone_else_than_the_advisor(db_path: Path) -> None:
    advisor = Staff.create(name="陈明", username="chen")
    Staff.create(name="刘洋", username="liu")
    c = person(owner=advisor)
    v = car(c)
    Visit.create(customer=c, vehicle=v, date=TODAY - timedelta(days=2), kind="service",
                 advisor=advisor)  # fmt: skip
    generate()
    (sat,) = pending(kind="satisfaction")
    assert sat.assignee_id is not None and sat.assignee_id != advisor.id


def test_renewal_list_tracks_cars_serviced_here_but_insured_elsewhere(db_path: Path) -> None:
    c = person()
    here = car(c, insurance_end=END, insurance_kind="both", insurer="人保财险")
    away = car(c, 2, insurance_end=END + timedelta(days=5), insured_here=False, insurer="平安保险",
               insurance_kind="commercial")  # fmt: skip
    Visit.create(customer=c, vehicle=away, date=TODAY - timedelta(days=60), kind="service")
    car(c, 3, insurance_end=TODAY + timedelta(days=200))  # not in the window
    rows = aftersales.renewal_list(today=TODAY, days=60)
    assert [(r.vehicle_id, r.insurance_kind, r.insurer) for r in rows] == [
        (here.id, "both", "人保财险"), (away.id, "commercial", "平安保险")]  # fmt: skip
    (only,) = aftersales.renewal_list(today=TODAY, days=60, elsewhere_only=True)
    assert only.vehicle_id == away.id and only.services_here and not only.insured_here
    with pytest.raises(ValidationError):
        aftersales.set_policy(customer_id=c.id, vehicle_id=here.id, today=TODAY,
                              insurance_end=END, insurance_kind="gold")  # fmt: skip
