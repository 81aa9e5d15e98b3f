"""The customer search haystack: one lower-case line per customer.

Why not FTS5 trigram alone: most Chinese names have two or three characters and a
trigram index cannot match a two-character query ("张伟"). The haystack holds names,
their pinyin and pinyin initials ("zhangwei", "zw"), phone digits, plates and VINs,
separated by "|" so that a fragment never matches across two fields, and is scanned
with ``instr`` — measured in benchmarks/ at 100,000 customers. Identifiers (phones,
plates, VINs) are a second column, searched only by fragments that look like part of
one (see ``looks_like_identifier``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

from dealerdesk.store import dialect
from dealerdesk.store.db import database

_HAN = re.compile(r"[\u3400-\u9fff]")
_PHONE_LIKE = re.compile(r"^[\d\s()+\-]+$")
MIN_ID_FRAGMENT = 4


@lru_cache(maxsize=65536)
def pinyin_forms(name: str) -> tuple[str, str]:
    """("zhangwei", "zw") for 张伟; ("", "") for a name without Chinese characters."""
    if not _HAN.search(name):
        return "", ""
    syllables = [s for s in lazy_pinyin(name, style=Style.NORMAL, errors="ignore") if s]
    return "".join(syllables).lower(), "".join(s[0] for s in syllables).lower()


def national_digits(e164: str | None) -> str:
    """'+8613912345678' -> '13912345678' (what people type); other countries keep all."""
    if not e164:
        return ""
    digits = e164.lstrip("+")
    return digits[2:] if digits.startswith("86") else digits


def haystack(names: Iterable[str | None], extra: Iterable[str | None] = ()) -> str:
    """Names with their pinyin and initials, plus other words (WeChat id, e-mail)."""
    parts: list[str] = []
    for name in names:
        if name:
            parts.append(name.lower())
            full, initials = pinyin_forms(name)
            if full:
                parts.extend((full, initials))
    parts.extend(x.lower() for x in extra if x)
    return "|".join(parts)


def id_haystack(
    phones: Iterable[str | None], plates: Iterable[str | None], vins: Iterable[str | None]
) -> str:
    """Phone digits as typed at home, plates without spaces, VINs; lower case."""
    parts = [national_digits(p) for p in phones if p]
    parts.extend(p.replace(" ", "").replace("·", "").lower() for p in plates if p)
    parts.extend(v.lower() for v in vins if v)
    return "|".join(parts)


def looks_like_identifier(term: str) -> bool:
    """Search identifiers only for fragments that could be part of one."""
    return len(term) >= MIN_ID_FRAGMENT or any(c.isdigit() or not c.isascii() for c in term)


def sort_key(name: str) -> str:
    """Pinyin for Chinese names ("zhang wei"), lower case for the rest."""
    full = " ".join(lazy_pinyin(name, style=Style.NORMAL)) if _HAN.search(name) else name
    return full.lower().strip()[:240]


def normalize_query(text: str) -> list[str]:
    """Terms to AND together: lower-case, phone punctuation removed."""
    terms = []
    for raw in text.split():
        term = raw.lower()
        if _PHONE_LIKE.match(term):
            term = re.sub(r"\D", "", term)
        if term:
            terms.append(term)
    return terms


def rebuild_search(customer_ids: Iterable[int] | None = None) -> int:
    """Recompute the haystack for some customers (all when None); return rows written."""
    ids = None if customer_ids is None else sorted(set(customer_ids))
    if ids is not None and len(ids) > 500:
        return sum(rebuild_search(ids[i : i + 500]) for i in range(0, len(ids), 500))
    if ids == []:
        return 0
    where, params = "", list[object](["\x1f", "\x1f"])
    if ids is not None:
        where = f"WHERE c.id IN ({','.join('?' * len(ids))})"
        params.extend(ids)
    plates, vins = (dialect.group_concat(database, f"v.{c}") for c in ("plate", "vin"))
    sql = f"""
        SELECT c.id, c.name, c.name_alt, c.phone, c.phone2, c.wechat, c.email, {plates}, {vins}
        FROM customer c LEFT JOIN vehicle v ON v.customer_id = c.id AND v.archived = 0
        {where} GROUP BY c.id
    """
    rows = []
    for cid, name, alt, p1, p2, wechat, email, plates, vins in database.execute_sql(sql, params):
        text = haystack((name, alt), (wechat, email))
        ids = id_haystack((p1, p2), (plates or "").split("\x1f"), (vins or "").split("\x1f"))
        rows.append((cid, text, ids, sort_key(name)))
    with database.atomic():
        dialect.executemany(
            database,
            "INSERT INTO customer_search (customer_id, text, id_text) VALUES (?, ?, ?)"
            " ON CONFLICT (customer_id) DO UPDATE SET text = excluded.text,"
            " id_text = excluded.id_text",
            [r[:3] for r in rows],
        )
        dialect.executemany(
            database,
            "UPDATE customer SET sort_name = ? WHERE id = ? AND sort_name <> ?",
            [(r[3], r[0], r[3]) for r in rows],
        )
    return len(rows)
