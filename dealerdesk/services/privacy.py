"""A customer's rights over their data (issue #11): a copy on request, erasure on request.

``export_customer`` writes everything stored about one customer to a JSON file (audited).
``erase_customer`` (managers only: it is a delete) removes the personal data and keeps
anonymous rows, so last year's visit counts, spend and NPS do not change.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from dealerdesk.errors import DealerDeskError, NotFoundError
from dealerdesk.i18n import t
from dealerdesk.services import auth
from dealerdesk.store import audit
from dealerdesk.store import privacy as store
from dealerdesk.store.db import database
from dealerdesk.store.integrity import describe_failure
from dealerdesk.vocab.staff import Permission


@dataclass(frozen=True, slots=True)
class CustomerExport:
    """Where one customer's data was written and how many rows it holds."""

    path: Path
    rows: int


def export_customer(customer_id: int, out: Path) -> CustomerExport:
    """Write one customer's data (every table) as JSON to *out*; audited."""
    data = store.customer_data(customer_id)
    if data is None:
        raise NotFoundError(t("safety.privacy.no_customer", id=customer_id))
    text = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    part = out.with_name(f".{out.name}.part")
    try:
        part.write_text(text, encoding="utf-8")
        part.replace(out)
    except OSError as exc:
        part.unlink(missing_ok=True)
        raise DealerDeskError(describe_failure(exc, out) or str(exc)) from exc
    with database.atomic():
        audit.record("export", "customer", customer_id, {"file": out.name})
    rows = 1 + sum(len(v) for k, v in data.items() if k != "customer")
    return CustomerExport(out, rows)


def erase_customer(customer_id: int) -> None:
    """Remove the personal data of one customer, keeping anonymous counts (managers)."""
    auth.require(Permission.DELETE_CUSTOMERS)
    if store.customer_data(customer_id) is None:
        raise NotFoundError(t("safety.privacy.no_customer", id=customer_id))
    store.erase_customer(customer_id)
