"""Calendar arithmetic every layer shares (it depends on nothing in DealerDesk).

Why here: the spend windows ("the 12 months ending today") are drawn the same way by the
store's set-based facts, the retention backtest and the demo, which the layers contract
keeps from importing one another.
"""

from __future__ import annotations

from datetime import date

__all__ = ["years_back"]


def years_back(today: date, years: int) -> date:
    """The same day ``years`` earlier (29 February: the 28th), the spend windows' start."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)
