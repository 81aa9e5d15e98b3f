"""One translation layer for every sentence the program writes, without Qt.

The domain (retention, services, reports, CLI) never builds English sentences: it returns
a :class:`Msg` — a message code plus its values, e.g. ``Msg("risk.service_overdue",
{"months": 13, "usual": 4})`` — and whoever shows it (window, CLI, PDF) renders it with
:func:`render` in the chosen language. The window's own labels go through Qt's ``tr()``
and .ts files; this layer is for what the layers below the ui say, so a test can check
that every code has both languages (``tests/test_i18n.py``).

Catalogs are plain dicts in ``catalog_*.py`` modules, one per area, each mapping a code to
``(english, chinese)``. The English side may be a ``(singular, plural)`` pair chosen by
the ``n`` value. Templates use ``str.format`` fields: ``"no service for {months} months"``.

Dates, whole numbers and money are formatted here too (``fmt_date``, ``fmt_int``,
``fmt_money``) so the CLI and the PDFs follow the same language as the window: Chinese
dates read ``2026年11月23日``, money is always the dealership's currency (``¥1,234``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from dealerdesk.i18n.catalog import CATALOG, Entry

__all__ = [
    "CATALOG",
    "LANGUAGES",
    "Msg",
    "current_language",
    "fmt_date",
    "fmt_int",
    "fmt_money",
    "render",
    "set_language",
    "system_language",
    "t",
]

LANGUAGES = ("en", "zh_CN")
_state = {"language": "en"}


@dataclass(frozen=True)
class Msg:
    """A sentence to be written later, in whichever language the reader uses.

    Attributes:
        code: a key of :data:`CATALOG` (``"risk.service_overdue"``).
        params: the values its template names; nested ``Msg`` values are rendered too.
    """

    code: str
    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def __str__(self) -> str:  # so a Msg dropped into an f-string still reads well
        return render(self)


def system_language(env: Mapping[str, str] | None = None) -> str:
    """The language the system locale asks for: ``zh_CN`` for any Chinese locale."""
    env = os.environ if env is None else env
    for key in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(key, "")
        if value:
            return "zh_CN" if value.lower().startswith("zh") else "en"
    return "en"


def set_language(language: str) -> None:
    """Choose the language every later :func:`render` uses (the app and CLI call this)."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; choose one of {LANGUAGES}")
    _state["language"] = language


def current_language() -> str:
    return _state["language"]


def _template(entry: Entry, language: str, params: Mapping[str, Any]) -> str:
    english, chinese = entry
    if language == "zh_CN":
        return chinese
    if isinstance(english, tuple):
        singular, plural = english
        return singular if params.get("n") == 1 else plural
    return english


def render(msg: Msg | str, language: str | None = None) -> str:
    """The sentence ``msg`` in ``language`` (default: the current one).

    A plain ``str`` is returned unchanged, so callers can mix codes and free text (a
    customer's own notes). An unknown code raises ``KeyError``: a missing translation is
    a bug the catalog test catches, not something to paper over at run time.
    """
    if isinstance(msg, str):
        return msg
    lang = language or current_language()
    entry = CATALOG[msg.code]
    values = {
        k: render(v, lang) if isinstance(v, Msg) else _value(v, lang) for k, v in msg.params.items()
    }
    return _template(entry, lang, msg.params).format_map(values)


def t(code: str, /, **params: Any) -> str:
    """Render ``code`` now: ``t("cli.no_rows")``. Prefer returning ``Msg`` from the domain.

    The same as ``render(Msg(code, params))`` without building the Msg: the planner
    writes hundreds of thousands of reasons a run."""
    lang = _state["language"]
    if not params:
        return _constant(code, lang)
    values = {
        k: render(v, lang) if isinstance(v, Msg) else _value(v, lang) for k, v in params.items()
    }
    return _template(CATALOG[code], lang, params).format_map(values)


@lru_cache(maxsize=2048)
def _constant(code: str, language: str) -> str:
    """A sentence without values ("last service", a column title): written once."""
    return _template(CATALOG[code], language, {}).format_map({})


def _value(value: Any, language: str) -> Any:
    if isinstance(value, date):
        return fmt_date(value, language)
    return value


def fmt_date(value: date | None, language: str | None = None) -> str:
    """``2026年11月23日`` in Chinese, ``23 Nov 2026`` in English; ``""`` for no date."""
    if value is None:
        return ""
    if (language or current_language()) == "zh_CN":
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.day} {value.strftime('%b')} {value.year}"


def fmt_int(value: int | None) -> str:
    """Thousands separated the same way in both languages: ``1,031``."""
    return "" if value is None else f"{int(value):,}"


def fmt_money(amount: float | None, *, decimals: int = 0) -> str:
    """The dealership's currency, whatever the PC's locale: ``¥1,234``."""
    if amount is None:
        return ""
    sign = "-" if amount < 0 else ""
    return f"{sign}¥{abs(amount):,.{decimals}f}"
