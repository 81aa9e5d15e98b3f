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


_dumps = json.JSONEncoder(ensure_ascii=False).encode


_SHARED: dict[int, tuple[Msg, str]] = {}  # id -> (the message, kept alive; its JSON)


def _fast(v: Any) -> str:
    """JSON text of one value, without building intermediate dicts (100k rows a refresh).
    Messages used as parameters (the "14 months" of thousands of reasons) are usually
    one shared object: their text is remembered by identity."""
    if isinstance(v, Msg):
        inner = ",".join([f'"{k}":{_param_text(x)}' for k, x in v.params.items()])
        return f'{{"c":"{v.code}","p":{{{inner}}}}}'
    if isinstance(v, bool) or v is None:
        return "true" if v else "false" if v is not None else "null"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return repr(v) if v == v and v not in (float("inf"), float("-inf")) else "null"
    if isinstance(v, date):
        return f'{{"d":"{v.isoformat()}"}}'
    return _dumps(v if isinstance(v, str) else str(v))


def _param_text(v: Any) -> str:
    if not isinstance(v, Msg):
        return _fast(v)
    hit = _SHARED.get(id(v))
    if hit is not None and hit[0] is v:
        return hit[1]
    text = _fast(v)
    if len(_SHARED) > 20_000:
        _SHARED.clear()
    _SHARED[id(v)] = (v, text)
    return text


def encode(msg: Msg | str) -> str:
    return _param_text(msg)  # one action is shared by thousands of customers


def encode_list(msgs: Iterable[Msg | str]) -> str:
    return f"[{','.join([_fast(m) for m in msgs])}]"


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
