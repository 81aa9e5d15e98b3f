"""One translate helper for strings outside QObject methods, and locale formatting.

Widgets call ``self.tr()``; module-level text calls ``tr()``. Both go through Qt's
translator, so a Chinese .qm file in resources/ can be loaded at start-up. Dates and
numbers are formatted by the chosen language's locale (QLocale's default, set by
``ui.language``); money is always the dealership's currency, yuan, whatever the PC's
locale says (an en_US PC would otherwise show "$448.00").
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime


def tr(text: str, context: str = "DealerDesk") -> str:
    return QCoreApplication.translate(context, text)


def fmt_date(value: date | None, *, empty: str = "") -> str:
    if value is None:
        return empty
    # Short form in the window's tables: "2026/11/23" in Chinese (the CLI and PDFs write
    # 2026年11月23日, which would clip in a date column), "11/23/26" in US English.
    return QLocale().toString(
        QDate(value.year, value.month, value.day), QLocale.FormatType.ShortFormat
    )


def fmt_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    qdt = QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute))
    return QLocale().toString(qdt, QLocale.FormatType.ShortFormat)


CURRENCY = "¥"


def fmt_money(amount: float | None) -> str:
    """``¥1,234.00`` (``-¥12.50``): the dealership's currency, the language's digits."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return f"{sign}{CURRENCY}{QLocale().toString(abs(float(amount)), 'f', 2)}"


def fmt_int(value: int | None) -> str:
    return "" if value is None else QLocale().toString(int(value))
