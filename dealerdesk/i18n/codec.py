"""Messages stored as JSON (the score cache keeps reasons as codes, not sentences).

A message is ``{"c": code, "p": {params}}``; a parameter that is itself a message is
stored the same way and a date as ``{"d": "2026-11-23"}``, so
``Msg("risk.no_visit", {"gap": Msg("common.months", {"n": 14})})`` comes back equal.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any

from dealerdesk.i18n import Msg

__all__ = ["decode", "decode_list", "encode", "encode_list"]


def _value(v: Any) -> Any:
    if isinstance(v, Msg):
        return _plain(v)
    if isinstance(v, date):
        return {"d": v.isoformat()}
    return v


def _plain(msg: Msg) -> dict[str, Any]:
    return {"c": msg.code, "p": {k: _value(v) for k, v in msg.params.items()}}


def _param(v: Any) -> Any:
    if isinstance(v, dict):
        return date.fromisoformat(v["d"]) if "d" in v else _msg(v)
    return v


def _msg(d: Any) -> Msg | str:
    if isinstance(d, str):  # free text: shown as it is
        return d
    return Msg(d["c"], {k: _param(v) for k, v in d["p"].items()})


def encode(msg: Msg | str) -> str:
    return json.dumps(_plain(msg) if isinstance(msg, Msg) else msg, ensure_ascii=False,
                      separators=(",", ":"))  # fmt: skip


def encode_list(msgs: Iterable[Msg | str]) -> str:
    return json.dumps([_plain(m) if isinstance(m, Msg) else m for m in msgs],
                      ensure_ascii=False, separators=(",", ":"))  # fmt: skip


def decode(text: str | None) -> Msg | str:
    if not text:
        return ""
    try:
        return _msg(json.loads(text))
    except (ValueError, KeyError, TypeError):
        return text


def decode_list(text: str | None) -> tuple[Msg | str, ...]:
    if not text:
        return ()
    try:
        return tuple(_msg(d) for d in json.loads(text))
    except (ValueError, KeyError, TypeError):
        return (text,)
