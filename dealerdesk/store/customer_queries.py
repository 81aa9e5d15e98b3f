"""Reading customers: the search that feeds the list, pages of rows, one customer, a timeline.

The list works like Anki's browser: ``search_customer_ids`` returns the ids of the whole
result, sorted and filtered in SQL; the view then asks ``customer_rows`` for the page it
is showing. Nothing here returns a peewee instance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from dealerdesk.errors import NotFoundError
from dealerdesk.i18n.codec import decode_list
from dealerdesk.store.convert import to_date, to_datetime
from dealerdesk.store.db import database
from dealerdesk.store.records import (
    ConsentRecord,
    ContactPersonRecord,
    CustomerListRow,
    CustomerRecord,
    StaffRecord,
    TimelineEntry,
    VehicleRecord,
)
from dealerdesk.store.scores import score_of
from dealerdesk.store.search_index import looks_like_identifier, normalize_query

SORT_COLUMNS = {
    "name": "c.sort_name",
    "phone": "c.phone",
    "city": "c.city",
    "tier": "CASE s.tier WHEN 'VIP' THEN 0 WHEN 'Gold' THEN 1 WHEN 'Standard' THEN 2 ELSE 3 END",
    "segment": "s.segment",
    "score": "coalesce(s.score, -1)",
    "owner": "st.name",
    "status": "c.status",
    "last_contact": "coalesce(lc.last_at, '')",
}


@dataclass(frozen=True, slots=True)
class CustomerFilter:
    """What the list shows: a search text plus the filter drop-downs."""

    text: str = ""
    tier: str | None = None
    segment: str | None = None
    band: str | None = None
    staff_id: int | None = None
    status: str | None = None
    include_archived: bool = False
    sort: str = "name"
    descending: bool = False


def search_customer_ids(flt: CustomerFilter) -> list[int]:
    """Ids of every matching customer, in display order."""
    joins: list[str] = []
    where: list[str] = []
    params: list[object] = []
    terms = normalize_query(flt.text)
    for term in terms:
        if looks_like_identifier(term):
            where.append("(instr(h.text, ?) > 0 OR instr(h.id_text, ?) > 0)")
            params.extend((term, term))
        else:
            where.append("instr(h.text, ?) > 0")
            params.append(term)
    if flt.tier or flt.segment or flt.band or flt.sort in ("tier", "segment", "score"):
        joins.append("LEFT JOIN customer_score s ON s.customer_id = c.id")
    if not flt.include_archived:
        where.append("c.archived = 0")
    for column, value in (
        ("s.tier", flt.tier),
        ("s.segment", flt.segment),
        ("s.band", flt.band),
        ("c.owner_id", flt.staff_id),
        ("c.status", flt.status),
    ):
        if value is not None and value != "":
            where.append(f"{column} = ?")
            params.append(value)
    sort_sql = SORT_COLUMNS.get(flt.sort, SORT_COLUMNS["name"])
    if flt.sort == "owner":
        joins.append("LEFT JOIN staff st ON st.id = c.owner_id")
    if flt.sort == "last_contact":
        joins.append(
            "LEFT JOIN (SELECT customer_id, max(at) AS last_at FROM contact_log"
            " GROUP BY customer_id) lc ON lc.customer_id = c.id"
        )
    direction = "DESC" if flt.descending else "ASC"
    # With a search text, scan the compact haystack first (CROSS JOIN fixes SQLite's
    # join order) and sort the few matches; without one, read the name index in order.
    source = (
        "customer_search h CROSS JOIN customer c ON c.id = h.customer_id" if terms else "customer c"
    )
    sql = (
        f"SELECT c.id FROM {source} {' '.join(joins)}"
        f"{' WHERE ' + ' AND '.join(where) if where else ''}"
        f" ORDER BY {sort_sql} {direction}, c.id {direction}"
    )
    return [row[0] for row in database.execute_sql(sql, params)]


def customer_rows(ids: Sequence[int]) -> list[CustomerListRow]:
    """The list rows for *ids*, in the same order (missing ids are skipped)."""
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    sql = f"""
        SELECT c.id, c.name, coalesce(c.name_alt, ''), c.kind, coalesce(c.phone, ''),
               coalesce(c.city, ''), c.status, coalesce(st.name, ''),
               coalesce((SELECT v.plate FROM vehicle v WHERE v.customer_id = c.id
                         AND v.archived = 0 ORDER BY v.purchase_date DESC LIMIT 1), ''),
               coalesce(s.tier, ''), coalesce(s.segment, ''), s.score, coalesce(s.band, ''),
               (SELECT max(at) FROM contact_log l WHERE l.customer_id = c.id), s.reasons
        FROM customer c
        LEFT JOIN staff st ON st.id = c.owner_id
        LEFT JOIN customer_score s ON s.customer_id = c.id
        WHERE c.id IN ({marks})
    """
    by_id = {}
    for r in database.execute_sql(sql, list(ids)):
        last = to_date(r[13])
        by_id[r[0]] = CustomerListRow(*r[:13], last_contact=last, reasons=decode_list(r[14]))
    return [by_id[i] for i in ids if i in by_id]


def count_customers(*, include_archived: bool = False) -> int:
    sql = "SELECT count(*) FROM customer" + ("" if include_archived else " WHERE archived = 0")
    return int(database.execute_sql(sql).fetchone()[0])


def get_customer(customer_id: int) -> CustomerRecord:
    """The whole profile with vehicles, contact people, consents and the cached score."""
    row = database.execute_sql(
        """SELECT c.id, c.kind, c.name, c.name_alt, c.gender, c.phone, c.phone2, c.wechat,
                  c.email, c.birthday, c.birthday_lunar, c.address, c.city, c.source,
                  c.owner_id, st.name, c.status, c.lost_reason, c.lost_on,
                  c.preferred_channel, c.notes, c.archived, c.updated_at
           FROM customer c LEFT JOIN staff st ON st.id = c.owner_id WHERE c.id = ?""",
        (customer_id,),
    ).fetchone()
    if row is None:
        raise NotFoundError(f"Customer {customer_id} does not exist.")
    s = ["" if v is None else v for v in row]
    return CustomerRecord(
        id=row[0],
        kind=s[1],
        name=s[2],
        name_alt=s[3],
        gender=s[4],
        phone=s[5],
        phone2=s[6],
        wechat=s[7],
        email=s[8],
        birthday=to_date(row[9]),
        birthday_lunar=bool(row[10]),
        address=s[11],
        city=s[12],
        source=s[13],
        owner_id=row[14],
        owner=s[15],
        status=s[16],
        lost_reason=s[17],
        lost_on=to_date(row[18]),
        preferred_channel=s[19] or "phone",
        notes=s[20],
        archived=bool(row[21]),
        updated_at=to_datetime(row[22]) or datetime.min,
        vehicles=tuple(vehicles_of(customer_id)),
        contact_people=tuple(
            ContactPersonRecord(r[0], r[1], r[2], r[3] or "", r[4] or "")
            for r in database.execute_sql(
                "SELECT id, name, role, phone, email FROM contact_person"
                " WHERE customer_id = ? ORDER BY id",
                (customer_id,),
            )
        ),
        consents=tuple(
            ConsentRecord(r[0], r[1], bool(r[2]), r[3], to_date(r[4]) or date.min)
            for r in database.execute_sql(
                "SELECT channel, purpose, granted, source, recorded_on FROM consent"
                " WHERE customer_id = ? ORDER BY purpose, channel",
                (customer_id,),
            )
        ),
        score=score_of(customer_id),
    )


def vehicles_of(customer_id: int) -> list[VehicleRecord]:
    rows = database.execute_sql(
        """SELECT id, customer_id, vin, coalesce(plate, ''), make, model, year,
                  coalesce(color, ''), purchase_date, purchase_price, mileage_km,
                  warranty_end, insurance_end, inspection_due
           FROM vehicle WHERE customer_id = ? AND archived = 0
           ORDER BY purchase_date DESC, id DESC""",
        (customer_id,),
    )
    return [
        VehicleRecord(
            *r[:8],
            purchase_date=to_date(r[8]),
            purchase_price=float(r[9]) if r[9] is not None else None,
            mileage_km=r[10],
            warranty_end=to_date(r[11]),
            insurance_end=to_date(r[12]),
            inspection_due=to_date(r[13]),
        )
        for r in rows
    ]


_TIMELINE_SQL = """
SELECT v.date || ' 00:00:00', v.kind, coalesce(ve.make || ' ' || ve.model, ''),
       trim(coalesce(v.notes, '') || CASE WHEN v.declined IS NOT NULL
            THEN ' · declined: ' || v.declined ELSE '' END), v.amount, v.id,
       coalesce(st.name, ''), v.mileage_km
  FROM visit v LEFT JOIN vehicle ve ON ve.id = v.vehicle_id
  LEFT JOIN staff st ON st.id = v.advisor_id WHERE v.customer_id = ?1
UNION ALL
SELECT CAST(l.at AS TEXT), 'contact', l.channel || ' ' || l.direction || ' · ' || l.outcome,
       coalesce(l.notes, ''), NULL, l.id, coalesce(st.name, ''), NULL
  FROM contact_log l LEFT JOIN staff st ON st.id = l.staff_id WHERE l.customer_id = ?1
UNION ALL
SELECT CAST(c.opened_at AS TEXT), 'complaint', c.category || ' · ' || c.severity || ' · ' || c.status,
       c.description || coalesce(' → ' || c.resolution, ''), NULL, c.id,
       coalesce(st.name, ''), NULL
  FROM complaint c LEFT JOIN staff st ON st.id = c.assignee_id WHERE c.customer_id = ?1
UNION ALL
SELECT s.date || ' 00:00:00', 'survey', 'NPS ' || coalesce(CAST(s.nps AS TEXT), '–'),
       'satisfaction ' || coalesce(CAST(s.satisfaction AS TEXT), '–') || '/5'
       || coalesce(' · ' || s.comment, ''), NULL, s.id, '', NULL
  FROM survey s WHERE s.customer_id = ?1
ORDER BY 1 DESC, 6 DESC
"""


def timeline(customer_id: int, *, limit: int | None = None) -> list[TimelineEntry]:
    """Purchases, services, contacts, complaints and surveys, newest first."""
    sql = _TIMELINE_SQL + (f" LIMIT {int(limit)}" if limit else "")
    out = []
    for at, kind, title, detail, amount, ref, staff, km in database.execute_sql(
        sql, (customer_id,)
    ):
        if km:
            title = f"{title} · {km:,} km".strip(" ·")
        out.append(
            TimelineEntry(
                at=to_datetime(at) or datetime.min,
                kind=kind,
                title=title,
                detail=detail or "",
                amount=float(amount) if amount is not None else None,
                ref_id=ref,
                staff=staff,
            )
        )
    return out


def list_staff(*, include_archived: bool = False) -> list[StaffRecord]:
    sql = "SELECT id, name, username, role FROM staff"
    sql += "" if include_archived else " WHERE archived = 0"
    return [StaffRecord(*r) for r in database.execute_sql(sql + " ORDER BY name")]
