"""Find likely duplicate customers with the reason, and merge two into one.

The reasons come back as message codes (``dup.phone``…), so the screen and the CLI say
them in the reader's language. A merge runs in one transaction: the rows move, the dropped
customer goes, the audit log keeps the dropped record, and the kept customer's search
row, score and follow-up plan are brought up to date before the commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from dealerdesk.i18n import Msg
from dealerdesk.services import settings
from dealerdesk.services.changes import Changed, changed
from dealerdesk.store import merge_store as st
from dealerdesk.store.db import database
from dealerdesk.store.validation import format_phone


@dataclass(frozen=True, slots=True)
class DupCustomer:
    id: int
    name: str
    phone: str
    address: str
    vehicles: int
    visits: int


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    """Two customers that are probably one, and why (most evidence first)."""

    a: DupCustomer
    b: DupCustomer
    reasons: tuple[Msg, ...]


def find_duplicates(*, limit: int = 2000) -> list[DuplicatePair]:
    candidates = st.find_candidates(limit)
    info = st.briefs([c.a for c in candidates] + [c.b for c in candidates])
    region = settings.get("phone_region") or "CN"

    def brief(cid: int) -> DupCustomer:
        b = info[cid]
        return DupCustomer(b.id, b.name, format_phone(b.phone or b.phone2, region),
                           b.address or "", b.vehicles, b.visits)  # fmt: skip

    out = []
    for c in candidates:
        reasons = tuple(
            Msg(f"dup.{code}", {"value": format_phone(v, region) if code == "phone" else v})
            for code, v in c.reasons
        )
        out.append(DuplicatePair(brief(c.a), brief(c.b), reasons))
    return out


def merge_customers(
    *, keep: int, drop: int, today: date, now: datetime, staff_id: int | None = None
) -> Changed:
    """Merge *drop* into *keep* in one transaction (audited); returns what changed."""
    from dealerdesk.services import auth, followups, scoring
    from dealerdesk.vocab.staff import Permission

    auth.require(Permission.MERGE_CUSTOMERS)  # issue #11: managers merge, front desk may not
    from dealerdesk.store.search_index import rebuild_search

    with database.atomic():
        st.merge(keep, drop, stamp=now, staff_id=staff_id)
        rebuild_search([keep])
        scoring.refresh_scores(today=today, customer_ids=[keep])
        followups.generate_followups(today=today, customer_ids=[keep])
    return changed("customer", "vehicle", "visit", "followup", "customer_score",
                   customers=(keep, drop))  # fmt: skip
