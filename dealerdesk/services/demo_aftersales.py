"""The demo's after-sales facts (issue #16): policies for the renewal list (kind, last
year's insurer, insured here or elsewhere) and a few sold cars and "insured elsewhere"
answers, so the first-service, renewal and pause screens have something to show.

Run after the customers are generated, from the generator's own random stream, so one
seed still gives one file. Buyers without a first service come from the generator's
"new" customers (their first service falls 5–15 months after the sale).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from dealerdesk.vocab.aftersales import ContactType, PauseState, PolicyKind

if TYPE_CHECKING:
    from dealerdesk.services.demo_data import DemoGenerator

INSURERS = ("平安保险", "人保财险", "太平洋保险", "国寿财险", "大地保险", "阳光保险")
OUR_INSURER = "人保财险"  # the policies the dealership sells
SOLD_SHARE, ELSEWHERE_SHARE = 0.02, 0.25


def add_aftersales(gen: DemoGenerator) -> None:
    """Extend the vehicle rows with their policy and add the sold cars' contacts and
    closes (a ``contact_pause`` row each) and the "insured elsewhere" pauses."""
    rng, today, rows = gen.rng, gen.today, gen.rows
    if "vehicle" not in rows.tables:
        return
    cols, data = rows.tables["vehicle"]
    at = {c: i for i, c in enumerate(cols)}
    kinds = (PolicyKind.BOTH, PolicyKind.BOTH, PolicyKind.COMPULSORY, PolicyKind.COMMERCIAL)
    out, sold, elsewhere = [], [], []
    labels: dict[int, str] = {}
    for row in data:
        here = rng.random() >= ELSEWHERE_SHARE
        insurer = OUR_INSURER if here else rng.choice(INSURERS[:1] + INSURERS[2:])
        out.append((*row, str(rng.choice(kinds)), insurer, int(here)))
        vid, cid, ends = row[at["id"]], row[at["customer_id"]], row[at["insurance_end"]]
        roll = rng.random()
        if roll < SOLD_SHARE:
            sold.append((vid, cid))
            labels[vid] = " · ".join(x for x in (row[at["plate"]] or "", f"{row[at['make']]} "
                                                 f"{row[at['model']]}".strip()) if x)  # fmt: skip
        elif (not here and ends and roll < 0.4
              and date.fromisoformat(str(ends)) - today < timedelta(days=60)):  # fmt: skip
            elsewhere.append((vid, cid))
    rows.tables["vehicle"] = ((*cols, "insurance_kind", "insurer", "insured_here"), out)
    sold_on = _answers(
        gen, sold, "car_sold", ContactType.ALL, PauseState.CLOSED, "车子转让：客户已将车卖给朋友"
    )
    _new_owner_calls(gen, sold_on, labels)
    _answers(gen, elsewhere, "insured_else", ContactType.INSURANCE, PauseState.PAUSED,
             "外面投保：今年在朋友的保险公司投保")  # fmt: skip


def _answers(
    gen: DemoGenerator, cars: list[tuple[int, int]], outcome: str, kind: str, state: str,
    reason: str,
) -> list[tuple[int, int, date, int]]:  # fmt: skip
    """Log each car's answer and its pause; [(car, customer, day, staff)] answered."""
    rng, today = gen.rng, gen.today
    out = []
    log = ("customer_id", "at", "channel", "direction", "outcome", "purpose", "staff_id",
           "notes", "created_at", "updated_at")  # fmt: skip
    pause = ("customer_id", "vehicle_id", "contact_type", "state", "reason", "outcome", "since",
             "until", "staff_id", "created_at", "updated_at")  # fmt: skip
    for vid, cid in cars:
        day = today - timedelta(days=rng.randrange(3, 60))
        ts = f"{day.isoformat()} 10:00:00"
        staff = rng.choice(gen.staff_ids[1:])
        gen.rows.add("contact_log", log, (cid, ts, "phone", "out", outcome, "service", staff,
                                          reason, ts, ts))  # fmt: skip
        until = None if state == PauseState.CLOSED else (day + timedelta(days=300)).isoformat()
        gen.rows.add("contact_pause", pause, (cid, vid, str(kind), str(state), reason, outcome,
                                              day.isoformat(), until, staff, ts, ts))  # fmt: skip
        out.append((vid, cid, day, staff))
    return out


NEW_OWNER_OPEN_DAYS = 14  # sold longer ago: the new owner was asked for already


def _new_owner_calls(gen: DemoGenerator, sold: list[tuple[int, int, date, int]],
                     labels: dict[int, str]) -> None:  # fmt: skip
    """The "record the new owner" call a sale answer leaves (``aftersales.apply_outcome``),
    still open for the cars sold in the last two weeks (Today shows them)."""
    from dealerdesk.i18n import t
    from dealerdesk.retention.cadence.dates import fmt_day
    from dealerdesk.retention.cadence.outcomes import DEFAULT_DELAYS
    from dealerdesk.vocab.contact import Outcome

    cols = ("created_at", "updated_at", "customer_id", "vehicle_id", "kind", "rule",
            "source_key", "purpose", "essential", "due", "status", "assignee_id", "reason",
            "attempt", "outcome")  # fmt: skip
    delay = timedelta(days=DEFAULT_DELAYS[Outcome.CAR_SOLD])
    for vid, cid, day, staff in sold:
        if (gen.today - day).days > NEW_OWNER_OPEN_DAYS:
            continue
        ts = f"{day.isoformat()} 10:00:00"
        reason = t("fu.new_owner", car=labels[vid], day=fmt_day(day))[:200]
        gen.rows.add("followup", cols, (ts, ts, cid, vid, "new_owner", "new_owner",
                                        f"newowner:{vid}", "service", 0,
                                        (day + delay).isoformat(), "pending", staff, reason, 1,
                                        "rescheduled"))  # fmt: skip
