"""The demo dealership is valid data with real behaviour in it."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from dealerdesk.services.demo_data import DemoGenerator
from dealerdesk.store.validation import normalize_phone, validate_vin

TODAY = date(2026, 11, 23)


def _rows(table: str, customers: int = 600, seed: int = 3) -> list[dict[str, object]]:
    rows = DemoGenerator(customers=customers, seed=seed, today=TODAY).generate()
    cols, data = rows.tables[table]
    return [dict(zip(cols, r, strict=True)) for r in data]


def test_every_phone_and_vin_passes_validation() -> None:
    gen = DemoGenerator(customers=600, seed=3, today=TODAY).generate()
    ccols, customers = gen.tables["customer"]
    phones = [dict(zip(ccols, r, strict=True))["phone"] for r in customers]
    assert all(normalize_phone(str(p)) == p for p in phones)
    assert len(set(phones)) == len(phones)
    vcols, vehicles = gen.tables["vehicle"]
    vins = [dict(zip(vcols, r, strict=True))["vin"] for r in vehicles]
    assert all(validate_vin(str(v)) == v for v in vins)
    assert len(set(vins)) == len(vins)


def test_names_are_mixed_and_some_birthdays_lunar() -> None:
    customers = _rows("customer")
    names = [str(c["name"]) for c in customers]
    assert sum(not n.isascii() for n in names) > 0.7 * len(names)
    assert sum(n.isascii() for n in names) > 0.05 * len(names)
    assert any(c["birthday_lunar"] for c in customers)
    assert any(c["kind"] == "company" for c in customers)


def test_history_spans_years_and_nothing_is_in_the_future() -> None:
    visits = _rows("visit")
    dates = sorted(date.fromisoformat(str(v["date"])) for v in visits)
    assert (dates[-1] - dates[0]).days > 365 * 6
    assert dates[-1] <= TODAY
    kinds = {v["kind"] for v in visits}
    assert {"sale", "service", "repair"} <= kinds
    assert any(v["declined"] for v in visits)


def test_some_customers_drift_away() -> None:
    """Spend in the last 12 months well below the 12 before, for a real share."""
    spend: dict[int, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for v in _rows("visit", customers=1500):
        if v["kind"] == "sale":
            continue
        age = (TODAY - date.fromisoformat(str(v["date"]))).days
        if age < 365:
            spend[int(v["customer_id"])][0] += float(v["amount"])  # type: ignore[arg-type]
        elif age < 730:
            spend[int(v["customer_id"])][1] += float(v["amount"])  # type: ignore[arg-type]
    active_before = [c for c, (_now, prev) in spend.items() if prev > 0]
    falling = [c for c in active_before if spend[c][0] < 0.5 * spend[c][1]]
    assert 0.1 < len(falling) / len(active_before) < 0.7


def test_same_seed_same_rows() -> None:
    a = DemoGenerator(customers=200, seed=11, today=TODAY).generate()
    b = DemoGenerator(customers=200, seed=11, today=TODAY).generate()
    c = DemoGenerator(customers=200, seed=12, today=TODAY).generate()
    assert a.tables == b.tables
    assert a.tables["customer"] != c.tables["customer"]


def test_recently_sold_cars_wait_for_their_new_owner_to_be_recorded() -> None:
    """As after a "car sold" answer at the desk (``aftersales.apply_outcome``): the car's
    reminders are closed and, for a car sold in the last two weeks, the "record the new
    owner" call is still open, the day after the answer, for the staff who took it."""
    rows = DemoGenerator(customers=2_000, seed=7, today=TODAY).generate()
    pauses = [dict(zip(rows.tables["contact_pause"][0], r, strict=True))
              for r in rows.tables["contact_pause"][1]]  # fmt: skip
    sold = {p["vehicle_id"]: p for p in pauses if p["outcome"] == "car_sold"}
    calls = [dict(zip(rows.tables["followup"][0], r, strict=True))
             for r in rows.tables["followup"][1]]  # fmt: skip
    assert calls and all(c["kind"] == "new_owner" and c["status"] == "pending" for c in calls)
    for c in calls:
        answer = sold[c["vehicle_id"]]
        since = date.fromisoformat(str(answer["since"]))
        assert (c["customer_id"], c["assignee_id"]) == (answer["customer_id"], answer["staff_id"])
        assert date.fromisoformat(str(c["due"])) == since + timedelta(days=1)
        assert (TODAY - since).days <= 14 and str(c["source_key"]) == f"newowner:{c['vehicle_id']}"
    recent = [v for v, p in sold.items() if (TODAY - date.fromisoformat(str(p["since"]))).days <= 14]
    assert sorted(c["vehicle_id"] for c in calls) == sorted(recent) and len(recent) < len(sold)
