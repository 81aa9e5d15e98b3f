"""One translate helper for strings outside QObject methods, and locale formatting.

Widgets call ``self.tr()``; module-level text calls ``tr()``. Both go through Qt's
translator, so a Chinese .qm file in resources/ can be loaded at start-up. Dates and
money are formatted by the system locale (QLocale), never by hand.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLocale, QTime


def tr(text: str, context: str = "DealerDesk") -> str:
    return QCoreApplication.translate(context, text)


def fmt_date(value: date | None, *, empty: str = "") -> str:
    if value is None:
        return empty
    return QLocale().toString(
        QDate(value.year, value.month, value.day), QLocale.FormatType.ShortFormat
    )


def fmt_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    qdt = QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute))
    return QLocale().toString(qdt, QLocale.FormatType.ShortFormat)


def fmt_money(amount: float | None) -> str:
    if amount is None:
        return ""
    return QLocale().toCurrencyString(float(amount))


def fmt_int(value: int | None) -> str:
    return "" if value is None else QLocale().toString(int(value))
