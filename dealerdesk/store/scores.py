"""The score cache: one record (``ScoreRecord``) written here and read here, by everyone.

The Customers list, the detail, Today, the CLI and the at-risk PDF all read a customer's
band and reasons through :func:`score_of` / :func:`top_scores`, so they cannot disagree.
Reasons and the suggested action are stored as message codes (JSON, see
``dealerdesk.i18n.codec``) and rendered by whoever shows them, in the reader's language.

Portable SQL only (no ``total()``, no ``INSERT OR REPLACE``, no ``CROSS JOIN`` hints).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np

from dealerdesk.i18n import codec
from dealerdesk.store import dialect
from dealerdesk.store.bulk import select_in
from dealerdesk.store.convert import to_date
from dealerdesk.store.db import batches_pause, database, job
from dealerdesk.store.records import ScoreRecord
from dealerdesk.store.settings_store import set_setting

__all__ = ["risk_by_tier", "save_scores", "score_histogram", "score_of", "signature",
           "stored_signatures", "top_scores"]  # fmt: skip

_CHUNK = 500
_COLS = ("customer_id", "computed_on", "score", "band", "reasons", "p_alive",
         "expected_visits", "tier", "rfm", "segment", "lifecycle", "spend_24m", "action",
         "sig")  # fmt: skip
_NOT_SCORED = ("gone", "none")  # bands left out of "at risk" lists


class _IsoDays(dict[date, str]):
    def __missing__(self, key: date) -> str:
        self[key] = key.isoformat()
        return self[key]


# Mixed into every signature: bump it when a stored column's meaning or wording changes,
# so the next full refresh rewrites every row.
_SIGNATURE_VERSION = 1
_MIX1, _MIX2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)


def signature(columns: Sequence[np.ndarray]) -> np.ndarray:
    """One 64-bit hash per row of integer ``columns`` (splitmix64 over each in turn).

    A full refresh stores it with each row and compares it to decide which rows to write:
    the columns are what decides the row's content (score, band, the numbers its reasons
    are worded with…), so equal signatures mean an equal row. Never 0 (0 is "unknown")."""
    n = columns[0].size if columns else 0
    h = np.full(n, _SIGNATURE_VERSION, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for column in columns:
            h ^= np.asarray(column, dtype=np.int64).view(np.uint64)
            h = (h ^ (h >> np.uint64(30))) * _MIX1
            h = (h ^ (h >> np.uint64(27))) * _MIX2
            h ^= h >> np.uint64(31)
    out = h.view(np.int64)
    out[out == 0] = 1
    return out


def stored_signatures() -> tuple[np.ndarray, np.ndarray]:
    """(customer ids ascending, their rows' signatures; 0 where unknown) of the cache."""
    rows = database.execute_sql(
        "SELECT customer_id, coalesce(sig, 0) FROM customer_score ORDER BY customer_id"
    ).fetchall()
    table = np.array(rows, dtype=np.int64).reshape(-1, 2)
    return table[:, 0].copy(), table[:, 1].copy()


def save_scores(records: Sequence[ScoreRecord], signatures: Sequence[int], *,
                drop_ids: Sequence[int] = (), current_on: date | None = None,
                replacing: Sequence[int] | None = None) -> int:  # fmt: skip
    """Write ``records`` (an upsert per customer, with their ``signatures``) and remove the
    rows of ``drop_ids``; returns how many rows were written or removed.

    A partial refresh (``current_on`` None) is one transaction. A full refresh passes only
    the rows that changed, the signatures it found stored for them (``replacing``; 0 for
    none) and ``current_on``, the day it scored everyone: rows it left alone are current
    as of that day too (``score_of`` and ``top_scores`` read their ``computed_on`` as at
    least it). A row whose stored signature is no longer the one the run compared with
    was rescored meanwhile by another desk (after a visit, a call…): that newer row is
    kept. It writes in short transactions of ``_BATCH`` rows, so another desk waiting to
    save gets in between batches instead of waiting for 100,000 rows (SQLite has one
    writer at a time); the cache is a cache, and a reader meanwhile sees each customer's
    old or new score, never none."""
    days = _IsoDays()
    encode_list, encode = codec.encode_list, codec.encode
    data = [
        (r.customer_id, days[r.computed_on], r.score, str(r.band), encode_list(r.reasons),  # type: ignore[arg-type]
         r.p_alive, r.expected_visits, str(r.tier), r.rfm, str(r.segment), str(r.lifecycle),
         round(r.spend_24m, 2), encode(r.action), int(sig))  # type: ignore[arg-type]
        for r, sig in zip(records, signatures, strict=True)
    ]  # fmt: skip
    expected = None
    if replacing is not None:
        expected = dict(zip((row[0] for row in data), replacing, strict=True))
    if current_on is None or database.in_transaction():
        with database.atomic():
            _delete_scores(drop_ids)
            written = _upsert_unless_rescored(data, expected)
            if current_on is not None:
                _set_current_on(current_on)
        return written + len(drop_ids)
    written = 0
    with job("risk scoring"):
        for i in range(0, len(data), _BATCH):
            with database.atomic():
                written += _upsert_unless_rescored(data[i : i + _BATCH], expected)
            batches_pause()
        with database.atomic():
            _delete_scores(drop_ids)
            _set_current_on(current_on)
    return written + len(drop_ids)


_UPSERT = (f"INSERT INTO customer_score ({','.join(_COLS)}) "
           f"VALUES ({','.join('?' * len(_COLS))}) ON CONFLICT (customer_id) DO UPDATE SET "
           + ", ".join(f"{c} = excluded.{c}" for c in _COLS[1:]))  # fmt: skip


def _upsert_unless_rescored(rows: list[tuple[Any, ...]], expected: dict[int, int] | None) -> int:
    """Upsert ``rows``, but with ``expected`` only those whose stored signature (0: none)
    is still the expected one; inside the caller's write transaction (SQLite's begins
    IMMEDIATE; on PostgreSQL the rows read are locked until it ends). Rows written."""
    if expected is not None:
        lock = " FOR UPDATE" if dialect.is_postgres(database) else ""
        now = dict(select_in("SELECT customer_id, coalesce(sig, 0) FROM customer_score "
                             "WHERE customer_id IN ({ids})" + lock, [row[0] for row in rows]))  # fmt: skip
        rows = [row for row in rows if int(now.get(row[0], 0)) == expected[row[0]]]
    dialect.executemany(database, _UPSERT, rows)
    return len(rows)


_CURRENT_KEY = "scores_current_on"  # the day of the last full refresh, in ``setting``


def _set_current_on(day: date) -> None:
    set_setting(_CURRENT_KEY, day.isoformat())


_BATCH = 5_000


def _delete_scores(ids: Sequence[int]) -> None:
    for i in range(0, len(ids), _CHUNK):
        part = list(ids[i : i + _CHUNK])
        database.execute_sql(
            f"DELETE FROM customer_score WHERE customer_id IN ({','.join('?' * len(part))})",
            part,
        )


_SELECT = """
SELECT s.customer_id, s.computed_on, s.score, s.band, s.reasons, s.p_alive, s.expected_visits,
  s.tier, s.rfm, s.segment, s.lifecycle, s.spend_24m, s.action,
  c.name, coalesce(c.phone, ''), c.owner_id, coalesce(st.name, ''),
  (SELECT max(l.at) FROM contact_log l WHERE l.customer_id = s.customer_id),
  (SELECT value FROM setting WHERE key = 'scores_current_on')
FROM customer_score s JOIN customer c ON c.id = s.customer_id
LEFT JOIN staff st ON st.id = c.owner_id
"""


_SELECT_KEPT = _SELECT.replace("SELECT s.customer_id,", "SELECT c.archived, s.customer_id,", 1)


def _record(r: Sequence[Any]) -> ScoreRecord:
    computed_on = max(to_date(r[1]) or date.min, to_date(r[18]) or date.min)
    return ScoreRecord(
        customer_id=r[0], computed_on=computed_on, score=int(r[2]), band=r[3],
        reasons=codec.decode_list(r[4]), p_alive=r[5], expected_visits=r[6], tier=r[7],
        rfm=r[8] or "", segment=r[9], lifecycle=r[10], spend_24m=float(r[11] or 0),
        action=codec.decode(r[12]), name=r[13], phone=r[14], owner_id=r[15], owner=r[16],
        last_contact=to_date(r[17]),
    )  # fmt: skip


def score_of(customer_id: int) -> ScoreRecord | None:
    row = database.execute_sql(f"{_SELECT} WHERE s.customer_id = ?", (customer_id,)).fetchone()
    return _record(row) if row else None


def top_scores(limit: int, *, band: str | None = None, tier: str | None = None,
               staff_id: int | None = None, min_score: int = 0) -> list[ScoreRecord]:  # fmt: skip
    """The highest scores first (ties: more 24-month spend first); archived customers and
    those gone or never seen are left out.

    The best candidates are taken from the score table alone first (its score index
    yields them in order and stops after a few), then joined; if the join filters out
    too many (archived, another owner), twice as many are taken. Portable SQL, and 100k
    customers are never sorted to show fifty."""
    inner = ["band NOT IN (?, ?)", "score >= ?"]
    inner_params: list[object] = [*_NOT_SCORED, min_score]
    for column, value in (("band", band), ("tier", tier)):
        if value is not None:
            inner.append(f"{column} = ?")
            inner_params.append(value)
    take = max(int(limit) * 2, 64)
    while True:
        ids = [r[0] for r in database.execute_sql(
            f"SELECT customer_id FROM customer_score WHERE {' AND '.join(inner)} "
            f"ORDER BY score DESC, spend_24m DESC, customer_id LIMIT {take}", inner_params)]  # fmt: skip
        # Only the primary key in SQL (a filter on customer columns tempts the planner into
        # scanning every customer); archived and owner are checked here, on a few rows.
        marks = ",".join(str(int(c)) for c in ids) or "NULL"  # ints only: safe to inline
        found = {r[1]: r for r in database.execute_sql(
            f"{_SELECT_KEPT} WHERE c.id IN ({marks})")}  # fmt: skip
        rows = [found[c][1:] for c in ids if c in found and not found[c][0]
                and (staff_id is None or found[c][16] == staff_id)]  # fmt: skip
        if len(rows) >= limit or len(ids) < take:
            return [_record(r) for r in rows[: int(limit)]]
        take *= 4


def score_histogram(width: int = 10) -> list[tuple[str, int]]:
    """Customers per score range of ``width`` points ("0–9" … "90–100"), scored ones only."""
    last = 100 // width - 1
    rows = database.execute_sql(
        """SELECT s.score, count(*) FROM customer_score s JOIN customer c ON c.id = s.customer_id
           WHERE c.archived = 0 AND s.band NOT IN (?, ?) GROUP BY s.score""", _NOT_SCORED,
    ).fetchall()  # fmt: skip
    counts = [0] * (last + 1)
    for score, n in rows:
        counts[min(int(score) // width, last)] += int(n)
    return [(f"{b * width}–{100 if b == last else b * width + width - 1}", counts[b])
            for b in range(last + 1)]  # fmt: skip


def risk_by_tier(min_score: int) -> tuple[int, list[tuple[str, int, float]]]:
    """(customers scored, [(tier, how many score at least min_score, their 24-month spend)])."""
    rows = database.execute_sql(
        """SELECT s.tier, count(*),
                  coalesce(sum(CASE WHEN s.score >= ? THEN 1 ELSE 0 END), 0),
                  coalesce(sum(CASE WHEN s.score >= ? THEN s.spend_24m ELSE 0 END), 0)
           FROM customer_score s JOIN customer c ON c.id = s.customer_id
           WHERE c.archived = 0 AND s.band NOT IN (?, ?) GROUP BY s.tier""",
        (min_score, min_score, *_NOT_SCORED),
    ).fetchall()
    order = {"VIP": 0, "Gold": 1, "Standard": 2}
    rows.sort(key=lambda r: order.get(r[0], 9))
    return sum(int(r[1]) for r in rows), [(r[0], int(r[2]), float(r[3])) for r in rows]
