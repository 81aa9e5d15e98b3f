"""Why a follow-up exists, written by the planner in the desk's language."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from test_cadence_rules import car, context, customer, one

from dealerdesk import i18n
from dealerdesk.retention.cadence import ComplaintInput, plan_customer


@pytest.fixture
def chinese() -> Iterator[None]:
    i18n.set_language("zh_CN")
    yield
    i18n.set_language("en")


def vehicle_plan() -> object:
    busy = car(purchase_date=date(2026, 6, 1), last_service_id=40, insurance_end=date(2027, 4, 2),
               last_service_on=date(2026, 12, 1), last_service_km=10_000)  # fmt: skip
    return plan_customer(customer(vehicles=(busy,)), context())


def test_reasons_in_chinese(chinese: None) -> None:
    p = vehicle_plan()
    svc, ins = one(p, "service_due"), one(p, "insurance")  # type: ignore[arg-type]
    assert svc.reason.startswith("粤B12345 · BYD Han该保养了：上次保养2026年12月1日（周二）")
    assert "10,000公里" in svc.reason and "约每天55公里" in svc.reason
    assert ins.reason == "续保第3次（共3次）回访：粤B12345 · BYD Han的保险2027年4月2日（周五）到期。"
    complaint = ComplaintInput(id=5, opened_on=date(2027, 3, 1), category="收费",
                               vehicle_id=None, assignee_id=None, followups_done=0,
                               last_followup_on=None)  # fmt: skip
    cp = one(plan_customer(customer(complaints=(complaint,)), context()), "complaint")
    assert cp.reason == "投诉（收费）于2027年3月1日（周一）登记：请在1个工作日内响应。"


def test_the_same_reasons_in_english() -> None:
    p = vehicle_plan()
    svc, ins = one(p, "service_due"), one(p, "insurance")  # type: ignore[arg-type]
    assert svc.reason.startswith(
        "Maintenance due for the 粤B12345 · BYD Han: last service Tue 1 Dec 2026 at 10,000 km"
    )
    assert (
        ins.reason
        == "Renewal (续保) call 3 of 3 for the 粤B12345 · BYD Han: insurance ends Fri 2 Apr 2027."
    )
