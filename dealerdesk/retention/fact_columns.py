"""Every customer's facts as aligned columns: what a full scoring run works on.

Why columns: a full refresh scores 100,000 customers. Built as 100,000 ``CustomerFacts``
objects and scored one by one, the Python around the arithmetic (object building, date
subtraction, a lifecycle call per customer) took longer than the SQL and the model
together (issue #8). As columns, every warning sign, stage and band is a handful of
numpy operations over all customers; only the customers whose cached row changes are
ever looked at one by one (``row``), to word their reasons.

Days are day numbers (days since 1970-01-01) as floats, NaN where there is no such day,
so "days since" is one subtraction and a missing day stays missing through it.
``CustomerFacts`` stays the one-customer view (hand-made in the tests, the backtest's
input): ``from_facts`` and ``row`` convert between the two, so every rule has one
implementation, the columnar one.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from itertools import repeat
from typing import Any

import numpy as np

from dealerdesk.dates import day_number, day_of
from dealerdesk.retention.facts import CustomerFacts
from dealerdesk.vocab.customer import GONE_STATUSES

__all__ = ["DAY_FIELDS", "FactColumns"]

DAY_FIELDS = ("first_visit", "last_visit", "first_purchase", "last_purchase", "first_service",
              "last_service", "oldest_open_complaint", "last_nps_on", "last_contact",
              "prev_visit", "last_declined")  # fmt: skip
_INT_FIELDS = ("visit_days", "purchase_count", "service_count", "open_complaints",
               "unanswered_streak")  # fmt: skip
_MONEY_FIELDS = ("spend_total", "spend_24m", "spend_12m", "spend_prev_12m")
_OPTIONAL_FIELDS = ("last_nps", "aftersales_12m", "aftersales_prev_12m")  # NaN: not known
_GONE_STATUSES = sorted(str(s) for s in GONE_STATUSES)




@dataclass(frozen=True, slots=True)
class FactColumns:
    """The fields of ``CustomerFacts`` that scoring reads, one array each, one entry per
    customer in the same order. Counts are int64, money float64, ``last_nps`` and the
    after-sales windows float64 with NaN for "not known", ``status`` a str array."""

    customer_id: np.ndarray
    status: np.ndarray
    first_visit: np.ndarray
    last_visit: np.ndarray
    visit_days: np.ndarray
    first_purchase: np.ndarray
    last_purchase: np.ndarray
    purchase_count: np.ndarray
    first_service: np.ndarray
    last_service: np.ndarray
    service_count: np.ndarray
    spend_total: np.ndarray
    spend_24m: np.ndarray
    spend_12m: np.ndarray
    spend_prev_12m: np.ndarray
    open_complaints: np.ndarray
    oldest_open_complaint: np.ndarray
    last_nps: np.ndarray
    last_nps_on: np.ndarray
    unanswered_streak: np.ndarray
    last_contact: np.ndarray
    aftersales_12m: np.ndarray
    aftersales_prev_12m: np.ndarray
    prev_visit: np.ndarray
    last_declined: np.ndarray

    def __len__(self) -> int:
        return int(self.customer_id.size)

    @property
    def seen(self) -> np.ndarray:
        """True for customers with at least one visit."""
        return ~np.isnan(self.last_visit)

    @property
    def marked_gone(self) -> np.ndarray:
        """True for customers staff marked lost, moved or deceased."""
        return np.isin(self.status, _GONE_STATUSES)

    def take(self, index: np.ndarray) -> FactColumns:
        """The customers at ``index`` (a mask or positions), in that order."""
        return FactColumns(**{f.name: getattr(self, f.name)[index] for f in fields(self)})

    def since(self, column: np.ndarray, today: date) -> np.ndarray:
        """Days from each entry of a day column to ``today`` (NaN where there is none)."""
        return day_number(today) - column

    @classmethod
    def from_facts(cls, facts: Sequence[CustomerFacts]) -> FactColumns:
        """Columns from one-customer facts (hand-made ones, the backtest's)."""
        data: dict[str, np.ndarray] = {
            "customer_id": np.array([f.customer_id for f in facts], dtype=np.int64),
            "status": np.array([str(f.status) for f in facts], dtype=object),
        }
        for name in DAY_FIELDS:
            data[name] = np.array([math.nan if (d := getattr(f, name)) is None
                                   else float(day_number(d)) for f in facts], dtype=np.float64)  # fmt: skip
        for name in _INT_FIELDS:
            data[name] = np.array([int(getattr(f, name)) for f in facts], dtype=np.int64)
        for name in _MONEY_FIELDS:
            data[name] = np.array([float(getattr(f, name)) for f in facts], dtype=np.float64)
        for name in _OPTIONAL_FIELDS:
            data[name] = np.array([math.nan if (v := getattr(f, name)) is None else float(v)
                                   for f in facts], dtype=np.float64)  # fmt: skip
        return cls(**data)

    def row(self, i: int) -> CustomerFacts:
        """Customer ``i`` as ``CustomerFacts`` (``rows`` for one)."""
        return self.rows(np.array([i]))[0]

    def rows(self, index: np.ndarray) -> list[CustomerFacts]:
        """The customers at ``index`` as ``CustomerFacts`` (the one-customer view their
        reasons are worded from); fields scoring does not read keep their defaults.
        Column by column: a full refresh words tens of thousands of customers."""
        n = len(index)
        columns: dict[str, list[Any]] = {
            "customer_id": self.customer_id[index].tolist(),
            "status": [str(s) for s in self.status[index].tolist()],
        }
        for name in DAY_FIELDS:
            columns[name] = _dates(getattr(self, name)[index])
        for name in (*_INT_FIELDS, *_MONEY_FIELDS):
            columns[name] = getattr(self, name)[index].tolist()
        for name in _OPTIONAL_FIELDS:
            columns[name] = [None if v != v else v for v in getattr(self, name)[index].tolist()]
        columns["last_nps"] = [None if v is None else int(v) for v in columns["last_nps"]]
        ordered = [columns[f.name] if f.name in columns else repeat(_DEFAULTS[f.name], n)
                   for f in fields(CustomerFacts)]  # fmt: skip
        return [CustomerFacts(*values) for values in zip(*ordered, strict=False)]


_DEFAULTS = {"name": "", "kind": "person", "owner_id": None, "created_on": None}


def _dates(column: np.ndarray) -> list[date | None]:
    """A day column as dates (None for NaN): each distinct day converted once."""
    distinct, position = np.unique(column, return_inverse=True)
    as_dates = [day_of(v) for v in distinct.tolist()]
    return [as_dates[k] for k in position.ravel().tolist()]
