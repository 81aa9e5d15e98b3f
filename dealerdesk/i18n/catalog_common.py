"""Words used everywhere: units of time, counts, yes/no."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str | tuple[str, str], str]] = {
    "common.days": (("{n} day", "{n} days"), "{n}天"),
    "common.weeks": (("{n} week", "{n} weeks"), "{n}周"),
    "common.months": (("{n} month", "{n} months"), "{n}个月"),
    "common.years": (("{n} year", "{n} years"), "{n}年"),
    "common.customers": (("{n} customer", "{n} customers"), "{n}位客户"),
    "common.yes": ("yes", "是"),
    "common.no": ("no", "否"),
    "common.none": ("—", "—"),
}
