"""The score cache: one record (``ScoreRecord``) written here and read here, by everyone.

The Customers list, the detail, Today, the CLI and the at-risk PDF all read a customer's
band and reasons through :func:`score_of` / :func:`top_scores`, so they cannot disagree.
Reasons and the suggested action are stored as message codes (JSON, see
``dealerdesk.i18n.codec``) and rendered by whoever shows them, in the reader's language.

Portable SQL only (no ``total()``, no ``INSERT OR REPLACE``, no ``CROSS JOIN`` hints).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from dealerdesk.i18n import codec
from dealerdesk.store import dialect
from dealerdesk.store.convert import to_date
from dealerdesk.store.db import batches_pause, database, job
from dealerdesk.store.records import ScoreRecord

__all__ = ["risk_by_tier", "save_scores", "score_histogram", "score_of", "top_scores"]

_CHUNK = 500
_COLS = ("customer_id", "computed_on", "score", "band", "reasons", "p_alive",
         "expected_visits", "tier", "rfm", "segment", "lifecycle", "spend_24m", "action")  # fmt: skip
_NOT_SCORED = ("gone", "none")  # bands left out of "at risk" lists


class _IsoDays(dict[date, str]):
    def __missing__(self, key: date) -> str:
        self[key] = key.isoformat()
        return self[key]


def save_scores(records: Iterable[ScoreRecord], *, replace_all: bool = False,
                drop_ids: Sequence[int] = ()) -> int:  # fmt: skip
    """Write scores (an upsert per customer); ``replace_all`` (a full refresh) also removes
    the rows of customers not in *records*, ``drop_ids`` those no longer scored (archived).
    Returns how many rows were written or removed.

    A partial refresh is one transaction. A full refresh first reads the cache and writes
    only the rows that differ from what is stored (a same-day re-run writes nothing, the
    next day what moved), in short transactions of ``_BATCH`` rows, so another desk
    waiting to save gets in between batches instead of waiting for 100,000 rows (SQLite
    has one writer at a time); the cache is a cache, and a reader meanwhile sees each
    customer's old or new score, never none."""
    days = _IsoDays()
    encode_list, encode = codec.encode_list, codec.encode
    data = [
        (r.customer_id, days[r.computed_on], r.score, str(r.band), encode_list(r.reasons),  # type: ignore[arg-type]
         r.p_alive, r.expected_visits, str(r.tier), r.rfm, str(r.segment), str(r.lifecycle),
         round(r.spend_24m, 2), encode(r.action))  # type: ignore[arg-type]
        for r in records
    ]  # fmt: skip
    sql = _upsert(_COLS[1:])
    if not replace_all or database.in_transaction():
        with database.atomic():
            if replace_all:
                database.execute_sql("DELETE FROM customer_score")
            _delete_scores(drop_ids)
            dialect.executemany(database, sql, data)
        return len(data)
    with job("risk scoring"):
        stored = _stored_rows()
        get = stored.get  # equal tuples first: the common case on SQLite, and cheap
        changed = [row for row in data if row != get(row[0]) and not _same(row, get(row[0]))]
        # Most rows a new day changes keep their score, band, tier, segment and spend:
        # setting only the other columns leaves the indexes alone (half the cost, so
        # twice as many a batch hold the lock as long).
        light: list[tuple[Any, ...]] = []
        full: list[tuple[Any, ...]] = []
        for row in changed:
            (light if _same_indexed(row, get(row[0])) else full).append(row)
        for statement, rows, size in ((sql, full, _BATCH), (_LIGHT_SQL, light, 2 * _BATCH)):
            for i in range(0, len(rows), size):
                with database.atomic():
                    dialect.executemany(database, statement, rows[i : i + size])
                batches_pause()
        kept = {row[0] for row in data}
        gone = sorted({cid for cid in stored if cid not in kept} | set(drop_ids))
        if gone:
            with database.atomic():
                _delete_scores(gone)
    return len(changed) + len(gone)


def _upsert(columns: Sequence[str]) -> str:
    """Insert a whole row; on an existing customer, set ``columns`` only."""
    return (f"INSERT INTO customer_score ({','.join(_COLS)}) "
            f"VALUES ({','.join('?' * len(_COLS))}) ON CONFLICT (customer_id) DO UPDATE SET "
            + ", ".join(f"{c} = excluded.{c}" for c in columns))  # fmt: skip


# The columns no index covers (score+spend_24m, band, tier and segment are indexed), set
# only while the indexed ones still read as they did (a desk that rescored the customer
# meanwhile keeps its newer row whole rather than half ours).
_INDEXED = ("score", "band", "tier", "segment", "spend_24m")
_LIGHT_SQL = _upsert(("computed_on", "reasons", "p_alive", "expected_visits", "rfm",
                      "lifecycle", "action")) + " WHERE " + " AND ".join(
    f"customer_score.{c} = excluded.{c}" for c in _INDEXED)  # fmt: skip


def _same_indexed(new: tuple[Any, ...], old: tuple[Any, ...] | None) -> bool:
    return old is not None and (
        new[2:4] == old[2:4] and new[7] == old[7] and new[9] == old[9]
        and new[11] == float(old[11])
    )  # fmt: skip


def _stored_rows() -> dict[int, tuple[Any, ...]]:
    """The cache as it stands, in the shape ``save_scores`` writes (one query)."""
    cursor = database.execute_sql(f"SELECT {','.join(_COLS)} FROM customer_score")
    return {row[0]: row for row in cursor}


# p_alive and expected visits are kept to a millionth (relative above 1): PostgreSQL
# stores them as 4-byte floats, and a refit from another start moves them less than that.
_FLOAT_TOLERANCE = 1e-6


def _same(new: tuple[Any, ...], old: tuple[Any, ...] | None) -> bool:
    """Whether the stored row ``old`` already says what ``new`` says (same column order)."""
    if old is None:
        return False
    if (new[1] != str(old[1])[:10] or new[2:5] != old[2:5] or new[7:11] != old[7:11]
            or new[12] != old[12] or new[11] != float(old[11])):  # fmt: skip
        return False
    for a, b in ((new[5], old[5]), (new[6], old[6])):
        if (a is None) != (b is None) or (
            a is not None and not abs(a - b) <= _FLOAT_TOLERANCE * max(1.0, abs(a))
        ):
            return False
    return True


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
  (SELECT max(l.at) FROM contact_log l WHERE l.customer_id = s.customer_id)
FROM customer_score s JOIN customer c ON c.id = s.customer_id
LEFT JOIN staff st ON st.id = c.owner_id
"""


_SELECT_KEPT = _SELECT.replace("SELECT s.customer_id,", "SELECT c.archived, s.customer_id,", 1)


def _record(r: Sequence[Any]) -> ScoreRecord:
    return ScoreRecord(
        customer_id=r[0], computed_on=to_date(r[1]) or date.min, score=int(r[2]), band=r[3],
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
