"""Calendar arithmetic every layer shares (it depends on nothing in DealerDesk).

Why here: the spend windows ("the 12 months ending today") are drawn the same way by the
store's set-based facts, the retention backtest and the demo, which the layers contract
keeps from importing one another.
"""

from __future__ import annotations

from datetime import date

__all__ = ["EPOCH", "day_number", "day_of", "years_back"]

# Day numbers (days since 1970-01-01) are how the packed histories, the dashboard and the
# risk facts hold dates in numpy arrays.
EPOCH = date(1970, 1, 1)
_EPOCH_ORDINAL = EPOCH.toordinal()


def day_number(d: date) -> int:
    """Days since 1970-01-01."""
    return d.toordinal() - _EPOCH_ORDINAL


def day_of(number: float) -> date | None:
    """The date of a day number (None for NaN, a missing day in a float column)."""
    return None if number != number else date.fromordinal(int(number) + _EPOCH_ORDINAL)


def years_back(today: date, years: int) -> date:
    """The same day ``years`` earlier (29 February: the 28th), the spend windows' start."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)
