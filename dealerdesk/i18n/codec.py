"""Messages stored as JSON (the score cache keeps reasons as codes, not sentences).

A message is ``{"c": code, "p": {params}}``; a parameter that is itself a message is
stored the same way, so ``Msg("risk.no_visit", {"gap": Msg("common.months", {"n": 14})})``
comes back equal. Only numbers, text and nested messages are stored.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from dealerdesk.i18n import Msg

__all__ = ["decode", "decode_list", "encode", "encode_list"]


def _plain(msg: Msg) -> dict[str, Any]:
    return {"c": msg.code,
            "p": {k: _plain(v) if isinstance(v, Msg) else v for k, v in msg.params.items()}}  # fmt: skip


def _msg(d: Any) -> Msg | str:
    if isinstance(d, str):  # free text (or a cache written before codes): shown as is
        return d
    return Msg(d["c"], {k: _msg(v) if isinstance(v, dict) else v for k, v in d["p"].items()})


def encode(msg: Msg) -> str:
    return json.dumps(_plain(msg), ensure_ascii=False, separators=(",", ":"))


def encode_list(msgs: Iterable[Msg]) -> str:
    return json.dumps([_plain(m) for m in msgs], ensure_ascii=False, separators=(",", ":"))


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
